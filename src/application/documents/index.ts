// The documents officers print (issue 17): a registration form as DOCX and PDF. Pure functions of
// domain objects, the translator and the language (the rulebook gives the time zone); the layout
// is the one Vietnamese offices use, the typeface DejaVu Serif embedded in every file.
export {
  type RegistrationFormInput,
  registrationFormDocx,
  registrationFormPdf,
} from "./registration-form.ts";
