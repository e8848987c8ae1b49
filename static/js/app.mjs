// Initialise every GOV.UK Frontend component on the page (character counts, error summary…).
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
