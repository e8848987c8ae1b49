// Lets GOV.UK Frontend style components for JavaScript before they initialise.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
