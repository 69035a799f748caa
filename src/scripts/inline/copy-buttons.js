for (const button of document.querySelectorAll('[data-copy]')) {
	button.hidden = false;
	button.addEventListener('click', async () => {
		const box = button.closest('.prompt');
		const status = box.querySelector('.copy-status');
		try {
			await navigator.clipboard.writeText(box.querySelector('code').textContent);
			status.textContent = 'Copied to clipboard';
		} catch {
			status.textContent = 'Could not copy: select the text and copy it by hand';
		}
		setTimeout(() => {
			status.textContent = '';
		}, 4000);
	});
}
