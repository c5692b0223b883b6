// Stands in for the "server-only" marker package when tests import lib/server outside Next.
export {};
