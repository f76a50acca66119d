# Texts of the lawyer's pages (src/web/lawyer).

lawyer-start-new-claim = Започни нови захтев
lawyer-start-title = Започни нови захтев
lawyer-start-intro = Одговорите на ова питања да бисте отворили захтев. Чува се као нацрт, а остало можете попунити касније.
lawyer-start-button = Сачувај и настави
lawyer-question-jurisdiction = По којој шеми се подноси захтев?
lawyer-error-jurisdiction = Изаберите шему по којој се подноси захтев

lawyer-task-list-title = Захтев за накнаду
lawyer-task-list-saved = Ваши одговори се чувају током рада. Овом захтеву се можете вратити из Мојих захтева.
lawyer-task-victim = Жртва
lawyer-task-applicant = Подносилац и заступање
lawyer-task-offence = Кривично дело
lawyer-task-documents = Документи
lawyer-task-check = Провера одговора и подношење
lawyer-status-completed = Завршено
lawyer-status-in-progress = У току
lawyer-status-not-started = Није започето
lawyer-status-cannot-start = Још не може да почне

lawyer-question-victim-name = Које је пуно име жртве?
lawyer-question-victim-birth-date = Који је датум рођења жртве?
lawyer-question-victim-address = Која је адреса жртве?
lawyer-question-victim-gender = Ког је пола жртва?
lawyer-question-protected-identity = Да ли идентитет жртве треба заштитити?
lawyer-question-applicant-kind = Ко подноси захтев?
lawyer-question-applicant-name = Које је пуно име подносиоца?
lawyer-question-language = На ком језику треба писати подносиоцу?
lawyer-question-offence-type = Какво је то кривично дело било?
lawyer-question-crime-date = Када се кривично дело догодило?
lawyer-question-crime-discovered-on = Када је кривично дело откривено?
lawyer-question-trafficking-identified-on = Када је жртва идентификована као жртва трговине људима?
lawyer-question-reported-to-police = Да ли је кривично дело пријављено полицији?

lawyer-hint-date = На пример, 27 3 2024
lawyer-hint-victim-gender = Користи се само за анонимну статистику. Оставите празно ако није наведено.
lawyer-hint-protected-identity = Заштићени идентитет виде само они којима је потребан. Жртве трговине људима и деца су заштићени, осим ако не кажете другачије.
lawyer-hint-language = Писма и одлуке се шаљу на овом језику.
lawyer-hint-crime-discovered-on = Само ако је откривено касније него што се догодило. На пример, 27 3 2024
lawyer-hint-trafficking-identified-on = Само за жртве трговине људима. На пример, 27 3 2024

lawyer-error-victim-name = Унесите пуно име жртве, до 200 знакова
lawyer-error-victim-birth-date = Унесите стваран датум рођења, на дан кривичног дела или пре њега
lawyer-error-victim-address = Унесите адресу жртве, до 200 знакова
lawyer-error-victim-gender = Изаберите пол жртве или оставите празно
lawyer-error-protected-identity = Изаберите да ако идентитет жртве треба заштитити
lawyer-error-applicant-kind = Изаберите ко подноси захтев
lawyer-error-applicant-name = Унесите пуно име подносиоца, до 200 знакова
lawyer-error-language = Изаберите језик на ком шема пише
lawyer-error-offence-type = Изаберите врсту кривичног дела
lawyer-error-crime-date = Унесите стваран датум кривичног дела, данас или у прошлости
lawyer-error-crime-discovered-on = Унесите стваран датум откривања, између кривичног дела и данас
lawyer-error-trafficking-identified-on = Унесите стваран датум идентификације, данас или у прошлости
lawyer-error-reported-to-police = Изаберите да ако је кривично дело пријављено полицији

lawyer-applicant-kind-direct_victim = Жртва
lawyer-applicant-kind-dependant = Издржавано лице жртве која је преминула
lawyer-applicant-kind-guardian = Старатељ детета жртве
lawyer-gender-female = Женски
lawyer-gender-male = Мушки
lawyer-gender-other = Други
lawyer-language-sq = Албански
lawyer-language-sr = Српски
lawyer-language-en = Енглески
lawyer-yes = Да
lawyer-no = Не
lawyer-date-day = Дан
lawyer-date-month = Месец
lawyer-date-year = Година

lawyer-back = Назад
lawyer-back-to-claims = Назад на моје захтеве
lawyer-continue = Настави
lawyer-save-later = Сачувај и врати се касније
lawyer-cancel = Откажи
lawyer-warning = Упозорење

lawyer-check-title = Проверите одговоре пре подношења захтева
lawyer-change = Измени
lawyer-not-provided = Није наведено
lawyer-declaration-title = Сада поднесите захтев
lawyer-declaration = Подношењем овог захтева потврђујете да су, колико вам је познато, подаци које дајете тачни и да сте овлашћени да заступате подносиоца.
lawyer-submit = Поднеси захтев
lawyer-error-authority-missing = Отпремите документ „{ $document }“ пре подношења захтева
lawyer-error-filing-deadline = Рок за подношење овог захтева истекао је { $date }. Затражите од секретаријата да га прихвати са закашњењем из оправданог разлога
lawyer-error-cannot-submit = Захтев се сада не може поднети

lawyer-submitted-title = Захтев је поднет
lawyer-submitted-reference = Број предмета захтева је
lawyer-submitted-receipt = Преузми потврду о пријему (PDF)
lawyer-submitted-next-title = Шта следи
lawyer-submitted-next = Секретаријат проверава захтев. Ако су потребни додатни документи, страница захтева наводи који и до када.
lawyer-view-claim = Погледај захтев

lawyer-documents-title = Документи
lawyer-documents-intro = Отпремите пуномоћје, или решење о постављењу старатеља за дете жртву, и све документе који поткрепљују захтев.
lawyer-documents-none = Још није отпремљен ниједан документ.
lawyer-documents-caption = Документи у спису
lawyer-column-document = Документ
lawyer-column-uploaded = Отпремљено
lawyer-upload-title = Отпреми документ
lawyer-question-document-kind = Који је ово документ?
lawyer-question-file = Изаберите датотеку
lawyer-hint-file = Датотека у формату PDF, JPEG или PNG.
lawyer-upload-button = Отпреми
lawyer-upload-more = Отпреми документе
lawyer-error-kind = Изаберите који је ово документ
lawyer-error-file-missing = Изаберите датотеку за отпремање
lawyer-error-file-duplicate = Ова датотека је већ у захтеву
lawyer-error-file = Датотека мора бити PDF, JPEG или PNG, не већа од { $megabytes } MB
lawyer-error-request-item = Овај документ не одговара на тај захтев; отпремите га са странице докумената

lawyer-document-police_report = Полицијски извештај
lawyer-document-medical_report = Медицински извештај
lawyer-document-court_judgment = Судска пресуда
lawyer-document-receipt = Рачун
lawyer-document-proof_of_income = Доказ о приходима
lawyer-document-proof_of_relationship = Доказ о сродству
lawyer-document-trafficking_identification = Идентификација као жртве трговине људима
lawyer-document-power_of_attorney = Пуномоћје
lawyer-document-guardian_appointment = Решење о постављењу старатеља
lawyer-document-other = Други документ

lawyer-claim-title = Захтев
lawyer-evidence-title = Документи које је секретаријат затражио
lawyer-decisions-title = Одлуке
lawyer-decision-number = Одлука { $number }
lawyer-letters-title = Писма
lawyer-letter-receipt = Потврда о пријему
lawyer-letter-evidence_request = Захтев за документе
lawyer-letter-interim_award = Привремена накнада
lawyer-letter-payment_notice = Обавештење о исплати
lawyer-download-pdf = Преузми као PDF:
lawyer-appeal-button = Уложи жалбу на одлуку

lawyer-appeal-title = Уложи жалбу на одлуку
lawyer-appeal-warning = Када уложите жалбу, одлука не постаје правоснажна док се о жалби не одлучи.
lawyer-question-appeal-reason = Разлози жалбе (необавезно)
lawyer-appeal-confirm = Потврди жалбу
lawyer-error-appeal-reason = Разлози могу имати до 2000 знакова, без контролних знакова
lawyer-error-appeal-closed = Рок за жалбу је истекао, па се на одлуку овде више не може уложити жалба
