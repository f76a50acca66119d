# The web UI's shared texts (layout, sign-in, errors, states). Every key is in every language's file of the same name (a test checks).

service-name = Накнада штете жртвама кривичних дела
skip-to-main-content = Пређи на главни садржај
service-information = Информације о услузи
menu = Мени
sign-out = Одјава
language-navigation = Језик
footer-text = Комисија за накнаду штете жртвама кривичних дела. Странице на албанском, српском и енглеском.
go-to-start = Иди на почетну страницу

exit-this-page = Напусти ову страницу
exit-this-page-emergency = Хитно
exit-this-page-activated = Учитава се.
exit-this-page-timed-out = Напуштање странице је истекло.
exit-this-page-press-two-more-times = Shift, притисните још 2 пута да изађете.
exit-this-page-press-one-more-time = Shift, притисните још 1 пут да изађете.

forbidden-title = Не можете видети ову страницу
forbidden-body = Ваш налог нема приступ овој страници, или образац није послат из ове услуге. Вратите се и покушајте поново.
not-found-title = Страница није пронађена
not-found-body = Проверите адресу или се вратите на почетну страницу.
error-title = Жао нам је, услуга има проблем
error-body = Покушајте поново касније. Ништа што сте послали није изгубљено нити напола сачувано.
error-summary-title = Постоји проблем
error-prefix = Грешка:

sign-in-title = Пријава
sign-in-username = Корисничко име
sign-in-password = Лозинка
sign-in-button = Пријави се
sign-in-username-missing = Унесите корисничко име
sign-in-password-missing = Унесите лозинку
sign-in-failed = Корисничко име или лозинка нису тачни, или налог није активан
sign-in-throttled = Превише покушаја. Сачекајте минут, па покушајте поново
sign-in-no-pages = Веб странице за вашу улогу још нису спремне. Користите API описан на /docs
demo-accounts-title = Демо налози
demo-accounts-hint = Њихове лозинке су једном исписане у терминалу који је покренуо демо.
demo-accounts-roles = Улоге

role-lawyer = Адвокат
role-secretariat = Секретаријат
role-commissioner = Члан комисије
role-chair = Председавајући комисије
role-finance_officer = Службеник за финансије
role-finance_approver = Одобравалац плаћања
role-auditor = Ревизор
role-admin = Администратор
role-system = Систем

nav-my-claims = Моји захтеви
nav-queue = Ред чекања

lawyer-claims-title = Моји захтеви
lawyer-claims-caption = Захтеви које заступате
lawyer-claims-none = Још не заступате ниједан захтев.
pagination = Странице
next-page = Следећа страница

column-reference = Број
column-offence = Кривично дело
column-state = Стање
column-next-deadline = Следећи рок
column-needed-now = Шта је сада потребно
no-deadline = Нема
overdue-by-days = Касни { $days } дана

deadline-filing = Подношење до { $date }
deadline-evidence = Докази до { $date }
deadline-decision = Одлука до { $date }
deadline-appeal = Жалба до { $date }
deadline-payment = Исплата до { $date }

offence-trafficking_in_human_beings = Трговина људима
offence-sexual_violence = Сексуално насиље
offence-domestic_violence = Насиље у породици
offence-other_violent_crime = Друго насилно кривично дело

state-draft = Нацрт
state-submitted = Поднет
state-awaiting_evidence = Чекају се докази
state-under_assessment = У процени
state-in_commission_review = Пред комисијом
state-decided = Одлучен
state-under_appeal = По жалби
state-final = Правоснажан
state-in_payment = У исплати
state-paid = Исплаћен
state-closed = Затворен
state-withdrawn = Повучен

lawyer-needed-draft = Попуните захтев и поднесите га
lawyer-needed-submitted = Ништа за сада: секретаријат проверава захтев
lawyer-needed-awaiting_evidence = Отпремите документе које је секретаријат тражио
lawyer-needed-under_assessment = Ништа за сада: захтев се процењује
lawyer-needed-in_commission_review = Ништа за сада: комисија одлучује
lawyer-needed-decided = Прочитајте одлуку; уложите жалбу пре рока ако се не слажете
lawyer-needed-under_appeal = Ништа за сада: о жалби се одлучује
lawyer-needed-final = Ништа: одлука је правоснажна
lawyer-needed-in_payment = Ништа: накнада се исплаћује
lawyer-needed-paid = Ништа: накнада је исплаћена
lawyer-needed-closed = Ништа: захтев је затворен
lawyer-needed-withdrawn = Ништа: захтев је повучен

secretariat-needed-draft = Ништа: захтев није поднет
secretariat-needed-submitted = Проверите допуштеност
secretariat-needed-awaiting_evidence = Прихватите доказе када буду потпуни
secretariat-needed-under_assessment = Унесите процену и предложите накнаду
secretariat-needed-in_commission_review = Комисија гласа, а председавајући одлучује
secretariat-needed-decided = Учините одлуку правоснажном када истекне рок за жалбу
secretariat-needed-under_appeal = Унесите исход жалбе
secretariat-needed-final = Финансије покрећу исплату
secretariat-needed-in_payment = Финансије исплаћују накнаду
secretariat-needed-paid = Затворите захтев
secretariat-needed-closed = Ништа: захтев је затворен
secretariat-needed-withdrawn = Ништа: захтев је повучен

queue-title = Ред чекања
queue-intro = Отворени захтеви, прво они који касне, затим по следећем року.
queue-caption = Отворени захтеви по хитности
queue-filter-state = Стање
queue-all-states = Сва отворена стања
queue-filter-button = Прикажи
queue-truncated = Отворених захтева има више него што ова страница приказује. Изаберите стање да сузите листу.
queue-none = Нема отворених захтева.
