/**
 * The indicators page's data: team_indicators for the chosen period and task type, fetched again on
 * each Realtime ping and by polling (the fallback where Realtime is unreachable), with how fresh it is.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IndicatorPeriod, TeamIndicators } from '../../lib/data-api/database.ts';
import { type LiveStatus, subscribeToTeam } from '../../lib/indicators/live-updates.ts';
import { type Runtime, useFeedbackRuntime } from '../feedback-runtime.ts';

export interface IndicatorQuery {
	team: string;
	weeks: IndicatorPeriod;
	task: string;
	supabaseUrl: string;
	anonKey: string;
	pollSeconds: number;
}

export interface IndicatorData {
	problem: string | undefined;
	data: TeamIndicators | undefined;
	error: string;
	/** Seconds since the last answer, or undefined before the first. */
	age: number | undefined;
	live: LiveStatus;
	runtime: Runtime | undefined;
	/** The caller is not a member of the team: its figures are not theirs to see. */
	notMember: boolean;
	/** Call after joining the team: the figures load again. */
	joined: () => void;
}

export function useTeamIndicators({
	team,
	weeks,
	task,
	supabaseUrl,
	anonKey,
	pollSeconds,
}: IndicatorQuery): IndicatorData {
	const { problem, runtime } = useFeedbackRuntime(supabaseUrl, anonKey);
	const api = runtime?.api;
	const [notMember, setNotMember] = useState(false);
	/** Counts joins: each is a reason to load again. */
	const [joins, setJoins] = useState(0);
	const [data, setData] = useState<TeamIndicators>();
	const [error, setError] = useState('');
	const [updatedAt, setUpdatedAt] = useState<number>();
	const [now, setNow] = useState(Date.now());
	const [live, setLive] = useState<LiveStatus>('connecting');

	// biome-ignore lint/correctness/useExhaustiveDependencies: a join (joins) is a reason to load again
	const load = useCallback(async () => {
		if (!api) return;
		const result = await api.rpc('team_indicators', {
			p_team: team,
			p_weeks: weeks,
			...(task ? { p_task: task } : {}),
		});
		setNotMember(result.status === 401 || result.status === 403);
		if (result.error || !result.data) {
			setError(
				result.status === 0
					? 'Cannot reach the feedback service; showing the last numbers received.'
					: `Indicators unavailable: ${result.error?.message}`,
			);
			return;
		}
		setError('');
		setData(result.data);
		setUpdatedAt(Date.now());
	}, [api, team, weeks, task, joins]);

	useEffect(() => {
		void load();
		const poll = setInterval(() => void load(), pollSeconds * 1000);
		const tick = setInterval(() => setNow(Date.now()), 1000);
		return () => {
			clearInterval(poll);
			clearInterval(tick);
		};
	}, [load, pollSeconds]);

	// Realtime pings make a check-in show within a second or two; polling stays as the fallback.
	// Only members may listen: the channel is joined once the figures have loaded (the person is a member),
	// and kept when the period or task type changes.
	const member = data !== undefined && !notMember;
	const latestLoad = useRef(load);
	latestLoad.current = load;
	useEffect(() => {
		if (problem || !runtime || !member) return;
		return subscribeToTeam({
			url: supabaseUrl,
			anonKey,
			team,
			accessToken: () => runtime.session.accessToken(),
			onPing: () => void latestLoad.current(),
			onStatus: setLive,
		});
	}, [problem, runtime, member, supabaseUrl, anonKey, team]);

	return {
		problem,
		data,
		error,
		age: updatedAt === undefined ? undefined : (now - updatedAt) / 1000,
		live,
		runtime,
		notMember,
		joined: () => setJoins((n) => n + 1),
	};
}
