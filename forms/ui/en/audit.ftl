# Texts of the auditor's and the statistics pages (src/web/audit).
