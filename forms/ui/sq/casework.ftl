# Texts of the secretariat's case pages (src/web/casework).
