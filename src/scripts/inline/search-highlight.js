(() => {
	if (!new URLSearchParams(location.search).has('highlight')) return;
	import(document.currentScript.dataset.highlighter).then(
		() => new PagefindHighlight({ highlightParam: 'highlight', addStyles: false }),
	);
})();
