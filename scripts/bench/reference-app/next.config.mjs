// The bench's reference app: the framework's floor, configured as the portal is where it matters
// (no compression, no powered-by header); its build lives beside its copy under .data/.
const config = { poweredByHeader: false, compress: false, typedRoutes: false };
export default config;
