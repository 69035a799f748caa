// "9 of 12 seats used": seats the team's join links have given and how many are taken, so identities
// made up to pad the team are visible to its lead. No person is in these numbers.
(() => {
	const seats = document.querySelector('[data-team-seats]');
	const url = seats.dataset.url.replace(/\/+$/, '');
	fetch(`${url}/rest/v1/rpc/team_seats`, {
		method: 'POST',
		headers: {
			apikey: seats.dataset.key,
			authorization: `Bearer ${seats.dataset.key}`,
			'content-type': 'application/json',
		},
		body: JSON.stringify({ p_team: seats.dataset.teamSeats }),
	})
		.then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
		.then((figures) => {
			const members = `${figures.members} member${figures.members === 1 ? '' : 's'}`;
			// Its own line, kept empty until now, so the text arriving moves nothing.
			seats.querySelector('.seats-line').textContent = `${figures.used} of ${figures.seats} seats used; ${members}. `;
		})
		.catch(() => undefined);
})();
