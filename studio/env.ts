/**
 * The Studio's settings. Sanity passes SANITY_STUDIO_* variables to the Studio; a missing one stops
 * the Studio with the variable named (no placeholder project id).
 */
function required(name: 'SANITY_STUDIO_PROJECT_ID' | 'SANITY_STUDIO_DATASET'): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `Set ${name} (see studio/README.md): the Studio needs to know which Sanity project and dataset to edit.`,
    );
  }
  return value;
}

export const projectId = required('SANITY_STUDIO_PROJECT_ID');
export const dataset = required('SANITY_STUDIO_DATASET');
/** Where the portal runs, for the preview links: the public site, or a local one while editing. */
export const siteUrl = process.env['SANITY_STUDIO_SITE_URL'] ?? 'http://localhost:4321';
