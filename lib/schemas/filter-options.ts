// What GET /api/filter-options returns: the services, teams and people that filter selects offer.
// The browser fetches it once and caches it, instead of every list page rendering them all.

export const DIRECTORY_LISTS = ["services", "teams", "people"] as const;
export type DirectoryList = (typeof DIRECTORY_LISTS)[number];

export interface DirectoryEntry {
  id: string;
  name: string;
}

/** Each list sorted by name. */
export type FilterOptions = Record<DirectoryList, DirectoryEntry[]>;

/** How long the browser (HTTP cache and react-query) reuses the lists: they change rarely. */
export const FILTER_OPTIONS_MAX_AGE_S = 300;

/** The names of the service, team and requester a URL's filters choose, for the form to show them. */
export interface DirectoryLabels {
  service?: string;
  team?: string;
  requester?: string;
}
