// @ts-check
// A module: its names do not leak into the page's global scope.
export {};
// Site search with Pagefind's index for this page's language. Loaded by the search page only.
const form = /** @type {HTMLFormElement} */ (document.querySelector('form[role="search"]'));
// The script runs: the note for browsers without JavaScript is not for this one.
document.getElementById('search-no-script')?.remove();
const input = /** @type {HTMLInputElement} */ (document.getElementById('search-query'));
const status = /** @type {HTMLElement} */ (document.getElementById('search-status'));
const list = /** @type {HTMLOListElement} */ (document.getElementById('search-results'));
const plural = new Intl.PluralRules(document.documentElement.lang);

/** @type {Promise<any> | undefined} */
let pagefind;
function loadPagefind() {
  // The index is written by Pagefind after the build, so it has no types here.
  // @ts-expect-error -- no declaration for a file that exists only in the built site
  pagefind ??= import('/pagefind/pagefind.js');
  return pagefind;
}

/** @param {string} query */
async function search(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = '';
    return;
  }
  status.textContent = status.dataset.searching ?? '';
  try {
    const engine = await loadPagefind();
    const found = await engine.search(query);
    const results = await Promise.all(found.results.slice(0, 20).map((/** @type {any} */ result) => result.data()));
    for (const result of results) {
      const item = document.createElement('li');
      const heading = document.createElement('h2');
      const link = document.createElement('a');
      link.href = result.url;
      link.textContent = result.meta.title;
      heading.append(link);
      const excerpt = document.createElement('p');
      // Pagefind's excerpt is our own page text, escaped by Pagefind, with <mark> around the words found.
      excerpt.innerHTML = result.excerpt;
      item.append(heading, excerpt);
      list.append(item);
    }
    const count = found.results.length;
    status.textContent =
      count === 0
        ? (status.dataset.none ?? '').replace('{query}', query)
        : (status.getAttribute(`data-count-${plural.select(count)}`) ?? '').replace('{count}', String(count));
  } catch {
    status.textContent = status.dataset.unavailable ?? '';
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set('q', input.value);
  history.replaceState(null, '', url);
  void search(input.value);
});

const initial = new URL(location.href).searchParams.get('q');
if (initial) {
  input.value = initial;
  void search(initial);
}
