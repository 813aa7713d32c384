# Reference tail probabilities for the distribution tests in test/core/stats.test.ts.
#
#   Rscript scripts/reference/distributions_reference.R
#
# R 4.2.2 (R's pt/pf/pnorm/pchisq with lower.tail = FALSE are accurate far into the tails).
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
