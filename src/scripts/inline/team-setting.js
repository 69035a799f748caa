(() => {
	const select = document.getElementById('team-setting-select');
	const label = document.querySelector('[data-team-name]');
	const names = JSON.parse(document.querySelector('[data-team-names]').dataset.teamNames);
	const read = () => {
		try {
			const joined = JSON.parse(localStorage.getItem('praxis.teams') || '[]');
			const chosen = localStorage.getItem('praxis.team');
			return { joined, team: joined.includes(chosen) ? chosen : joined[0] };
		} catch {
			return { joined: [], team: undefined };
		}
	};
	const show = () => {
		const { joined, team } = read();
		select.replaceChildren(
			...(joined.length ? joined : ['']).map((id) => new Option(id ? names[id] || id : 'No team joined yet', id)),
		);
		select.disabled = joined.length < 2;
		select.value = team || '';
		label.textContent = team ? names[team] || team : 'not joined';
	};
	select.addEventListener('change', () => {
		if (!read().joined.includes(select.value)) return show();
		localStorage.setItem('praxis.team', select.value);
		window.dispatchEvent(new CustomEvent('praxis:team-change'));
	});
	window.addEventListener('praxis:team-change', show);
	window.addEventListener('storage', show);
	show();
})();
