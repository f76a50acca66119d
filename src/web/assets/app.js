// Starts GOV.UK Frontend's components (skip link, exit this page, service navigation, ...).
import { initAll } from './govuk-frontend.min.js'

initAll()
