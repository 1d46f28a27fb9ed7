// The convolution page's largest input side.
async () => (await import("/static/js/pages/convolution/state.js")).LIMITS.size
