# Texts of the finance pages (src/web/finance).
