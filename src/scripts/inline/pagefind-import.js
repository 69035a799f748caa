document.getElementById('search').importPagefind = function () {
	return import(`${this.dataset.bundle}pagefind.js`);
};
