# Texts of the commission's pages (src/web/commission).

commission-nav-agenda = Rendi i ditës
commission-success = Sukses
commission-warning = Paralajmërim
commission-not-recorded = Nuk është regjistruar
commission-withheld = E fshehur: identitet i mbrojtur
commission-back-to-agenda = Kthehu te rendi i ditës

commission-agenda-title = Rendi i ditës
commission-agenda-intro = Kërkesat para komisionit, me kompensimin e propozuar dhe gjendjen e votimit për secilën.
commission-agenda-caption = Kërkesat që presin votën e komisionit
commission-agenda-none = Asnjë kërkesë nuk pret komisionin.
commission-recused-banner = U përjashtuat. Kërkesa nuk është më në rendin tuaj të ditës.
commission-column-proposed-award = Kompensimi i propozuar
commission-column-decision-due = Afati i vendimit
commission-column-votes = Votat
commission-column-your-ballot = Vota juaj
commission-column-member = Anëtari
commission-column-vote = Vota
commission-column-note = Shënimi
commission-column-head = Lloji i dëmit
commission-column-claimed = Kërkuar
commission-column-allowed = Pranuar
commission-column-rule = Rregulli i zbatuar

commission-ballot-heading = Votimi
commission-ballot-votes-cast = Vota të dhëna
commission-ballot-count = { $cast } nga { $quorum } vota të nevojshme
commission-ballot-recusals = Përjashtime: { $count }
commission-ballot-outcome = Rezultati nëse votimi mbyllet tani
commission-ballot-votes-caption = Votat në këtë raund
commission-ballot-no-votes = Askush nuk ka votuar ende.
commission-ballot-voted = Ka votuar
commission-ballot-recused = I përjashtuar
commission-ballot-open = Pa votuar
commission-outcome-award = Kompensim prej { $amount }
commission-outcome-rejected = Refuzohet
commission-outcome-no-quorum = Ende pa vendim: nuk ka mjaft vota për kuorumin
commission-outcome-tied = Pa vendim: votat janë të barabarta dhe asnjë votë vendimtare nuk e zgjidh barazimin
commission-member-you = Ju
commission-member-chair = Kryesuesi
commission-member-number = Anëtari nr. { $number }

commission-choice-approve = Miratoj kompensimin e propozuar
commission-choice-approve-amended = Miratoj një shumë tjetër
commission-choice-approve-amended-to = Miratoj, të ndryshuar në { $amount }
commission-choice-reject = Refuzoj kërkesën

commission-claim-title = Kërkesa { $reference }
commission-identity-masked = Identiteti i viktimës është i mbrojtur. Ju shihni vetëm inicialet; sekretariati dhe kryesuesi shohin identitetin e plotë.
commission-summary-heading = Përmbledhje
commission-field-offence = Vepra
commission-field-crime-date = Data e krimit
commission-field-applicant = Parashtruesi
commission-field-victim = Viktima
commission-field-birth-date = Data e lindjes së viktimës
commission-field-address = Adresa e viktimës
commission-field-lodged-on = Parashtruar më
commission-field-decision-due = Vendimi deri më
commission-field-proposed-award = Kompensimi i propozuar
commission-field-interim-awarded = Kompensime të përkohshme të paguara
commission-award-heading = Kompensimi i propozuar, rresht pas rreshti
commission-award-caption = Si u llogarit kompensimi
commission-award-gross = Gjithsej i pranuar
commission-award-offsets = Pagesa nga burime të tjera të zbritura
commission-award-reduction = Zvogëlimi
commission-award-interim-deducted = Kompensime të përkohshme të zbritura
commission-award-total = Kompensimi i propozuar

commission-vote-legend = Si votoni?
commission-vote-amended-amount = Shuma që miratoni, në euro
commission-vote-amended-amount-hint = Vetëm nëse miratoni një shumë tjetër. Për shembull, 3000,00
commission-vote-note = Arsyet tuaja (opsionale)
commission-vote-note-hint = Ruhen me votën tuaj. Kur rregullat publikojnë mendimet kundër, vendimi shtyp arsyet e anëtarëve që votojnë për refuzim.
commission-vote-button = Jepni votën
commission-recuse-summary = Kam konflikt interesi në këtë kërkesë
commission-recuse-warning = Nëse përjashtoheni, nuk mund të votoni për këtë kërkesë dhe ajo largohet nga rendi juaj i ditës. Kjo nuk mund të zhbëhet.
commission-recuse-button = Përjashtohem nga kjo kërkesë

commission-chair-heading = Mbyllni votimin
commission-chair-intro = Kur votimi arrin kuorumin, mbylleni dhe nxirrni vendimin që rezulton prej tij.
commission-chair-start = Mbyllni votimin dhe nxirrni vendimin
commission-decision-link = Shihni vendimin

commission-decide-title = Nxirrni vendimin për kërkesën { $reference }
commission-preview-heading = Vendimi
commission-preview-intro = Lexoni vendimin ashtu siç do të nxirret para se ta nxirrni.
commission-preview-link = Hapni parapamjen e vendimit (PDF, hapet në skedë të re)
commission-decide-warning = Pasi të nxirret, vendimi nuk mund të ndryshohet. Një rezultat i mëvonshëm është vendim i ri.
commission-decide-legend = Konfirmoni vendimin
commission-decide-confirm = E kam lexuar parapamjen dhe dua ta mbyll votimin dhe ta nxjerr këtë vendim
commission-decide-button = Nxirrni vendimin
commission-decide-cancel = Anuloni dhe kthehuni te kërkesa

commission-decision-title = Vendimi u nxor
commission-decision-number = Numri i vendimit
commission-decision-dated = Me datë { $date }.
commission-decision-download = Shkarkoni vendimin (PDF)
commission-decision-next = Vendimi tregon si të ankoheni dhe ditën e fundit për ta bërë këtë.
commission-decision-back-to-claim = Kthehu te kërkesa

commission-error-choice = Zgjidhni si votoni
commission-error-amended-amount = Shkruani shumën që miratoni si numër mbi zero, p.sh. 3000,00, jo më të lartë se maksimumi i tabelës
commission-error-note = Arsyet tuaja duhet të kenë 2.000 shenja ose më pak, pa shenja kontrolli
commission-error-already-voted = Tashmë keni votuar për këtë kërkesë në këtë raund
commission-error-recused = Jeni përjashtuar nga kjo kërkesë dhe nuk mund të votoni për të
commission-error-vote-closed = Votimi për këtë kërkesë është mbyllur
commission-error-recuse-after-vote = Tashmë keni votuar, prandaj nuk mund të përjashtoheni më nga kjo kërkesë
commission-error-confirm = Konfirmoni që e keni lexuar parapamjen dhe doni ta nxirrni vendimin
commission-error-no-quorum = Votimi nuk mund të mbyllet ende: nuk kanë votuar mjaft anëtarë për kuorumin
commission-error-no-majority = Votimi nuk mund të mbyllet: votat janë të barabarta dhe asnjë votë vendimtare nuk e zgjidh barazimin
