# Reference tail probabilities, t quantiles and sup-Wald p-values for test/core/stats.test.ts.
#
#   Rscript scripts/reference/distributions_reference.R
#
# R 4.2.2 (R's pt/pf/pnorm/pchisq with lower.tail = FALSE are accurate far into the tails),
# strucchange 1.5.3 (Debian r-cran-strucchange) for the sup-Wald p-values.
row <- function(kind, args, p) cat(sprintf("      ['%s', [%s], %s],\n", kind,
  paste(sprintf("%.17g", args), collapse = ", "), sprintf("%.17g", p)))
for (a in list(c(0.5, 3), c(2.228138851986273, 10), c(8.5, 10), c(25, 30), c(50, 98), c(3, 2.5)))
  row("t", a, 2 * pt(-abs(a[1]), a[2]))
for (a in list(c(0.001, 2, 5), c(1.5, 3, 3), c(4.964602743730711, 1, 10), c(200, 3, 50),
               c(1e4, 1, 30), c(5e6, 1, 34), c(40, 10, 200)))
  row("f", a, pf(a[1], a[2], a[3], lower.tail = FALSE))
for (z in c(0.1, 1.959963984540054, 5, 10, 30)) row("normal", z, 2 * pnorm(-abs(z)))
for (a in list(c(0.5, 7), c(3.841458820694124, 1), c(50, 3), c(300, 10), c(1000, 500), c(30, 2.5)))
  row("chisq", a, pchisq(a[1], a[2], lower.tail = FALSE))
# Student t quantiles (tQuantile)
for (a in list(c(0.975, 1), c(0.975, 3), c(0.975, 10), c(0.975, 28), c(0.975, 998), c(0.6, 5), c(0.999999, 4)))
  row("qt", a, qt(a[1], a[2]))
# sup-Wald p-values at trimming 0.15 (supWaldPValue): Hansen (1997) as strucchange 1.5.3 computes them
suppressMessages(library(strucchange))
lambda <- ((1 - 0.15) / 0.15)^2
for (a in list(c(3, 1), c(8.85, 1), c(12.35, 1), c(25, 1), c(11.79, 2), c(16, 3), c(30, 10)))
  row("supWald", a, strucchange:::pvalue.Fstats(a[1], "supF", a[2], lambda))
# strucchange takes 1 - pchisq(...), which has no relative accuracy below ~1e-10: far in the tail
# the reference is its formula with the upper tail taken directly
b <- strucchange:::sc.beta.sup[18, ]
row("supWald", c(60, 1), pchisq(b[1] + b[2] * 60, b[3], lower.tail = FALSE))
