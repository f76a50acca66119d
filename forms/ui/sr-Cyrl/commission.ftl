# Texts of the commission's pages (src/web/commission).

commission-nav-agenda = Дневни ред
commission-success = Успешно
commission-warning = Упозорење
commission-not-recorded = Није евидентирано
commission-withheld = Скривено: заштићени идентитет
commission-back-to-agenda = Назад на дневни ред

commission-agenda-title = Дневни ред
commission-agenda-intro = Захтеви пред комисијом, са предложеном накнадом и стањем гласања за сваки.
commission-agenda-caption = Захтеви који чекају гласање комисије
commission-agenda-none = Ниједан захтев не чека комисију.
commission-recused-banner = Изузели сте се. Захтев више није на вашем дневном реду.
commission-column-proposed-award = Предложена накнада
commission-column-decision-due = Рок за одлуку
commission-column-votes = Гласови
commission-column-your-ballot = Ваш глас
commission-column-member = Члан
commission-column-vote = Глас
commission-column-note = Напомена
commission-column-head = Врста штете
commission-column-claimed = Тражено
commission-column-allowed = Признато
commission-column-rule = Примењено правило

commission-ballot-heading = Гласање
commission-ballot-votes-cast = Дати гласови
commission-ballot-count = { $cast } од { $quorum } потребних гласова
commission-ballot-recusals = Изузећа: { $count }
commission-ballot-outcome = Исход ако се гласање сада затвори
commission-ballot-votes-caption = Гласови у овом кругу
commission-ballot-no-votes = Још нико није гласао.
commission-ballot-voted = Гласао
commission-ballot-recused = Изузет
commission-ballot-open = Није гласао
commission-outcome-award = Накнада од { $amount }
commission-outcome-rejected = Одбијено
commission-outcome-no-quorum = Још нема одлуке: нема довољно гласова за кворум
commission-outcome-tied = Нема одлуке: гласови су изједначени и ниједан одлучујући глас не решава нерешен исход
commission-member-you = Ви
commission-member-chair = Председавајући
commission-member-number = Члан бр. { $number }

commission-choice-approve = Одобравам предложену накнаду
commission-choice-approve-amended = Одобравам други износ
commission-choice-approve-amended-to = Одобравам, измењено на { $amount }
commission-choice-reject = Одбијам захтев

commission-claim-title = Захтев { $reference }
commission-identity-masked = Идентитет жртве је заштићен. Видите само иницијале; секретаријат и председавајући виде пун идентитет.
commission-summary-heading = Сажетак
commission-field-offence = Кривично дело
commission-field-crime-date = Датум кривичног дела
commission-field-applicant = Подносилац
commission-field-victim = Жртва
commission-field-birth-date = Датум рођења жртве
commission-field-address = Адреса жртве
commission-field-lodged-on = Поднето
commission-field-decision-due = Одлука до
commission-field-proposed-award = Предложена накнада
commission-field-interim-awarded = Исплаћене привремене накнаде
commission-award-heading = Предложена накнада, ставку по ставку
commission-award-caption = Како је накнада израчуната
commission-award-gross = Укупно признато
commission-award-offsets = Одбијене исплате из других извора
commission-award-reduction = Умањење
commission-award-interim-deducted = Одбијене привремене накнаде
commission-award-total = Предложена накнада

commission-vote-legend = Како гласате?
commission-vote-amended-amount = Износ који одобравате, у еврима
commission-vote-amended-amount-hint = Само ако одобравате други износ. На пример, 3000,00
commission-vote-note = Ваши разлози (необавезно)
commission-vote-note-hint = Чувају се уз ваш глас. Где правила објављују издвојена мишљења, одлука штампа разлоге чланова који гласају за одбијање.
commission-vote-button = Гласајте
commission-recuse-summary = Имам сукоб интереса у овом захтеву
commission-recuse-warning = Ако се изузмете, не можете гласати о овом захтеву и он нестаје са вашег дневног реда. Ово се не може поништити.
commission-recuse-button = Изузимам се из овог захтева

commission-chair-heading = Затворите гласање
commission-chair-intro = Када гласање достигне кворум, затворите га и донесите одлуку која из њега произлази.
commission-chair-start = Затворите гласање и донесите одлуку
commission-decision-link = Погледајте одлуку

commission-decide-title = Донесите одлуку о захтеву { $reference }
commission-preview-heading = Одлука
commission-preview-intro = Прочитајте одлуку онако како ће бити донета пре него што је донесете.
commission-preview-link = Отворите преглед одлуке (PDF, отвара се у новој картици)
commission-decide-warning = Када се донесе, одлука се не може мењати. Каснији исход је нова одлука.
commission-decide-legend = Потврдите одлуку
commission-decide-confirm = Прочитао сам преглед и желим да затворим гласање и донесем ову одлуку
commission-decide-button = Донесите одлуку
commission-decide-cancel = Откажите и вратите се на захтев

commission-decision-title = Одлука је донета
commission-decision-number = Број одлуке
commission-decision-dated = Са датумом { $date }.
commission-decision-download = Преузмите одлуку (PDF)
commission-decision-next = Одлука наводи како се подноси жалба и последњи дан за то.
commission-decision-back-to-claim = Назад на захтев

commission-error-choice = Изаберите како гласате
commission-error-amended-amount = Унесите износ који одобравате као број већи од нуле, нпр. 3000,00, не већи од максимума табеле
commission-error-note = Ваши разлози могу имати највише 2.000 знакова, без контролних знакова
commission-error-already-voted = Већ сте гласали о овом захтеву у овом кругу
commission-error-recused = Изузели сте се из овог захтева и не можете гласати о њему
commission-error-vote-closed = Гласање о овом захтеву је затворено
commission-error-recuse-after-vote = Већ сте гласали, па се више не можете изузети из овог захтева
commission-error-confirm = Потврдите да сте прочитали преглед и да желите да донесете одлуку
commission-error-no-quorum = Гласање се још не може затворити: није гласало довољно чланова за кворум
commission-error-no-majority = Гласање се не може затворити: гласови су изједначени и ниједан одлучујући глас не решава нерешен исход
