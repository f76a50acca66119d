# Texts of the commission's pages (src/web/commission).
