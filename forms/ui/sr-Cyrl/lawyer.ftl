# Texts of the lawyer's pages (src/web/lawyer).
