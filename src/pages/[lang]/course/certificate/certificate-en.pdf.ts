/** The learner's certificate file `certificate-en.pdf` (see certificateDownload). */
import type { APIRoute } from 'astro';
import { certificateDownload } from '../../../../lib/school-certificate.ts';

export const prerender = false;

export const GET: APIRoute = (context) => certificateDownload(context, 'certificate-en.pdf');
