# Peer side of the matching benchmark: MatchIt (>= 4.5.4) + summary() + vcovCL on the CSV written
# by national.ts, with the study's settings (logit, 1:1, no replacement, caliper 0.5 SD).
# Usage: Rscript matchit_national.R <csv> <pairs-out.csv>; prints timings (the pipeline's wall
# and CPU time, without read.csv, which is reported apart). Run by national.ts.
suppressPackageStartupMessages({
  library(MatchIt)
  library(sandwich)
})
args <- commandArgs(trailingOnly = TRUE)
stopifnot(packageVersion("MatchIt") >= "4.5.4")
t_read <- Sys.time()
d <- read.csv(args[1], stringsAsFactors = TRUE)
t0 <- Sys.time()
cpu0 <- sum(proc.time()[c(1, 2)])
m <- matchit(treat ~ region + naf + sex + age + month, data = d, method = "nearest",
             distance = "glm", ratio = 1, replace = FALSE, caliper = 0.5, std.caliper = TRUE)
s <- summary(m)
md <- match.data(m)
fit <- lm(on_time ~ treat, data = md, weights = weights)
V <- vcovCL(fit, cluster = ~subclass)
t1 <- Sys.time()
cpu1 <- sum(proc.time()[c(1, 2)])
mm <- m$match.matrix
tr <- match(rownames(mm), rownames(d)) - 1L
ct <- match(mm[, 1], rownames(d)) - 1L
write.csv(data.frame(treated = tr, control = ct), args[2], row.names = FALSE, na = "")
cat(sprintf("R_READ_SECONDS %.3f\n", as.numeric(difftime(t0, t_read, units = "secs"))))
cat(sprintf("R_SECONDS %.3f\n", as.numeric(difftime(t1, t0, units = "secs"))))
cat(sprintf("R_CPU_PIPELINE %.3f\n", cpu1 - cpu0))
cat(sprintf("R_ATT %.10g %.10g\n", coef(fit)[["treat"]], sqrt(V["treat", "treat"])))
cat(sprintf("R_MATCHED %d\n", sum(!is.na(mm[, 1]))))
cat(sprintf("R_VERSIONS MatchIt %s, sandwich %s, %s\n", packageVersion("MatchIt"), packageVersion("sandwich"), R.version.string))
