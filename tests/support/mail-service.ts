/**
 * The browser tests' mail service: the Resend stand-in as a process of its own, on MAIL_PORT. The
 * portal under test sends through the real Resend SDK to it, as in production, and the tests read
 * what was sent at `GET /emails`.
 */
import { startResendStandIn } from './resend-stand-in.ts';

const port = Number(process.env['MAIL_PORT']);
if (!Number.isInteger(port) || port <= 0) throw new Error('Set MAIL_PORT to the port the mail stand-in listens on');
await startResendStandIn(port);
console.log(`mail stand-in on http://127.0.0.1:${String(port)}/emails`);
