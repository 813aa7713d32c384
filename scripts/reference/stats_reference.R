# Reference values for test/core/stats.test.ts and test/core/returns.test.ts.
#
#   Rscript scripts/reference/stats_reference.R
#
# R 4.2.2. 17 significant digits.
p <- function(label, v) cat(label, paste(sprintf("%.17g", v), collapse = ", "), "\n")
x <- c(2, 4, 4, 4, 5, 5, 7, 9)
p("mean/var/sd x:", c(mean(x), var(x), sd(x)))
p("var(1e9 + c(4, 7, 13, 16)):", var(1e9 + c(4, 7, 13, 16)))
set.seed(7)
a <- as.numeric(sprintf("%.6f", rnorm(30)))
b <- as.numeric(sprintf("%.6f", 0.4 * a + rnorm(30)))
cat("a:", paste(sprintf("%.15g", a), collapse = ", "), "\n")
cat("b:", paste(sprintf("%.15g", b), collapse = ", "), "\n")
p("mean a, var a, sd a, cov ab, cor ab:", c(mean(a), var(a), sd(a), cov(a, b), cor(a, b)))
# returns
pr <- c(100, 101.5, 99.25, 99.25, 120, 60.5, 61)
p("log returns diff(log(pr)):", diff(log(pr)))
p("simple returns:", pr[-1] / pr[-length(pr)] - 1)
p("diff:", diff(pr))
