/** The learner's certificate file `credential.jwt` (see certificateDownload). */
import type { APIRoute } from 'astro';
import { certificateDownload } from '../../../../lib/school-certificate.ts';

export const prerender = false;

export const GET: APIRoute = (context) => certificateDownload(context, 'credential.jwt');
