// Runs first thing in <body>: GOV.UK Frontend's "js-enabled" switch, kept in a file rather than
// inline so that the Content-Security-Policy can forbid inline scripts.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
