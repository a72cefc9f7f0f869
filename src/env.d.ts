declare namespace App {
  interface Locals {
    /** The language of the requested page, from the first segment of its address. */
    lang: import('./i18n/locales.ts').Locale;
    /** UI strings in that language. */
    t: import('./i18n/translator.ts').Translate;
    /** The running portal (database, uploads, email); on pages rendered on request only. */
    runtime: import('./app/runtime.ts').PortalRuntime;
    /** The visitor's network address, for rate limits; on pages rendered on request only. */
    clientIp: string;
    /** The applicant's session, if the request carries a live one; use a guard to require it. */
    session: import('./features/auth/store.ts').Session | undefined;
    /** The signed-in member of staff, on the desk's pages only; use `requireStaff` to require one. */
    staff: import('./features/auth/staff.ts').StaffPrincipal | undefined;
  }
}
