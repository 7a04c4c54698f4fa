// The documents officers print (issue 17): a registration form as DOCX and PDF, a body's summary
// list for a meeting as DOCX, a certificate of recognition as PDF. Pure functions of domain
// objects, the translator and the language (the rulebook or the report gives the time zone); the
// layout is the one Vietnamese offices use, the typeface DejaVu Serif embedded in every file.
export { type CertificateInput, certificatePdf } from "./certificate.ts";
export {
  type RegistrationFormInput,
  registrationFormDocx,
  registrationFormPdf,
} from "./registration-form.ts";
export { type SummaryListInput, summaryListDocx } from "./summary-list.ts";
