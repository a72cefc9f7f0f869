/**
 * GET: the queue of a stage, with its filters, as CSV (UTF-8 with a byte-order mark, formulas
 * neutralised). Asks for the second factor again first; audited; the IIN only for a role that
 * needs it.
 */
import type { APIRoute } from 'astro';
import { statusLabel } from '../../../features/applications/status-labels.ts';
import { exportQueue } from '../../../features/desk/casework.ts';
import { toCsv } from '../../../features/desk/csv.ts';
import { can } from '../../../features/desk/policy.ts';
import { recentlyVerified } from '../../../features/desk/staff.ts';
import { queueFilters, readQueueQuery } from '../../../features/desk/queue-query.ts';
import { applyContext } from '../../../lib/apply-context.ts';
import { deskPaths, deskRequest } from '../../../lib/desk.ts';

export const prerender = false;

export const GET: APIRoute = async (context) => {
  const desk = await deskRequest(context, 'queue.export');
  if (desk instanceof Response) return desk;
  const { lang, t, runtime } = context.locals;
  const { staff, scope } = desk;
  if (!recentlyVerified(staff, scope.now))
    return context.redirect(
      `${deskPaths.confirm(lang)}?return=${encodeURIComponent(context.url.pathname + context.url.search)}`,
      303,
    );
  const { forms } = await applyContext(lang, t);
  const query = readQueueQuery(context.url.searchParams, {
    formKeys: forms.map((form) => form.key),
    districts: scope.districts,
  });
  const { stage } = query;
  const withIin = can(staff.role, 'queue.export-iin');
  const rows = await exportQueue(runtime.db, scope, { ...queueFilters(query, staff.staffId), withIin });
  const header = [
    t('desk.queue.reference'),
    t('desk.queue.applicant'),
    ...(withIin ? [t('desk.export.iin')] : []),
    t('desk.queue.form'),
    t('desk.queue.district'),
    t('desk.queue.status'),
    t('desk.case.submitted'),
    t('desk.queue.assignee'),
    t('desk.queue.due'),
  ];
  const csv = toCsv(
    header,
    rows.map((row) => [
      row.reference,
      row.applicantName,
      ...(withIin ? [row.iin] : []),
      row.form,
      row.district,
      statusLabel(t, row.status),
      row.submittedAt,
      row.assignee,
      row.due,
    ]),
  );
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="queue-${stage}-${scope.now.toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
