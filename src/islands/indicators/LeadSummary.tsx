/**
 * The first screen of the indicators page: is the team getting better with AI, and where not? The
 * headline figures with their change, then the task types where confidence grows and where it does not,
 * each with its experts and the team's workflows for it.
 */
import {
	type Comparison,
	fluency,
	headline,
	type NotGrowingReason,
	type TaskSupport,
} from '../../lib/indicators/progress.ts';
import type { IndicatorView, TaskRow } from '../../lib/indicators/series.ts';
import { HIDDEN, num, pct } from './parts.tsx';

const REASONS: Record<NotGrowingReason, string> = {
	unused: 'no check-ins in this period',
	falling: 'confidence falling',
	level: 'confidence level',
};

/** "up to 3.4 from 3.1" / "down to 12.0 from 14.0" / "level at 3.0": the change as a reader says it. */
function changeText(comparison: Comparison, format: (value: number) => string): string {
	const { change, earlier, recent } = comparison;
	if (change === null || earlier === null || recent === null) return 'no earlier weeks to compare';
	if (format(recent) === format(earlier)) return `level at ${format(recent)}`;
	return `${change > 0 ? 'up' : 'down'} to ${format(recent)} from ${format(earlier)}`;
}

const types = (n: number) => `${n} task ${n === 1 ? 'type' : 'types'}`;

/** One sentence: where confidence grows and where it does not. */
function answerText(growing: number, notGrowing: number): string {
	if (growing + notGrowing === 0) return 'Too few people have checked in per task type to say yet.';
	if (notGrowing === 0) return `Confidence is growing in every task type with enough people to say (${growing}).`;
	if (growing === 0) return `Confidence is not growing yet in any task type: ${types(notGrowing)} need help.`;
	return `Confidence is growing in ${types(growing)}, not yet in ${notGrowing}.`;
}

function Figure({
	label,
	value,
	comparison,
	format,
	testId,
	hidden,
}: {
	label: string;
	value: string;
	comparison: Comparison;
	format: (value: number) => string;
	testId: string;
	hidden?: boolean;
}) {
	const direction =
		hidden || comparison.change === null
			? 'none'
			: comparison.change > 0
				? 'up'
				: comparison.change < 0
					? 'down'
					: 'level';
	return (
		<div className="figure">
			<dt>{label}</dt>
			<dd>
				<span className="figure-value" data-testid={testId}>
					{hidden ? HIDDEN : value}
				</span>{' '}
				<span className={`figure-change ${direction}`} data-testid={`${testId}-change`}>
					{hidden ? '' : changeText(comparison, format)}
				</span>
			</dd>
		</div>
	);
}

function Help({ support }: { support: TaskSupport | undefined }) {
	if (!support) return null;
	return (
		<span className="help">
			{support.experts.length > 0 && (
				<>
					Ask{' '}
					{support.experts.map((expert, i) => (
						<span key={expert.href}>
							{i > 0 && ' or '}
							<a href={expert.href}>{expert.name}</a> ({expert.contact})
						</span>
					))}
					.{' '}
				</>
			)}
			{support.workflows.length > 0 && (
				<>
					Try{' '}
					{support.workflows.slice(0, 2).map((workflow, i) => (
						<span key={workflow.href}>
							{i > 0 && ' or '}
							<a href={workflow.href}>{workflow.title}</a>
						</span>
					))}
					.
				</>
			)}
		</span>
	);
}

const taskLink = (row: TaskRow, support: TaskSupport | undefined) =>
	support ? <a href={support.href}>{row.title}</a> : row.title;

export function LeadSummary({
	view,
	support,
	thisWeekPeople,
}: {
	view: IndicatorView;
	support: TaskSupport[];
	thisWeekPeople: number;
}) {
	const figures = headline(view);
	const tasks = fluency(view);
	const supportOf = (task: string) => support.find((s) => s.task === task);
	const weeks = figures.weeks === 1 ? 'the last closed week' : `the last ${figures.weeks} closed weeks`;
	const answer = answerText(tasks.growing.length, tasks.notGrowing.length);
	return (
		<section className="lead-summary" aria-labelledby="lead-summary">
			<h2 id="lead-summary">Is the team getting better with AI?</h2>
			<p className="answer" data-testid="lead-answer">
				{answer}
			</p>
			<dl className="figures" data-testid="headline">
				<div className="figure">
					<dt>Check-ins in the period</dt>
					<dd>
						<span className="figure-value" data-testid="total-check-ins">
							{view.totals.checkIns}
						</span>{' '}
						<span className="figure-change">
							<span data-testid="people-this-week">{thisWeekPeople}</span> people this week
						</span>
					</dd>
				</div>
				<Figure
					label="Check-ins a week"
					value={num(figures.checkInsPerWeek.recent, 1)}
					comparison={figures.checkInsPerWeek}
					format={(v) => num(v, 1)}
					testId="check-ins-per-week"
				/>
				<Figure
					label="Mean confidence"
					value={view.suppressed ? '' : `${num(view.totals.meanConfidence, 1)} of 5`}
					comparison={figures.meanConfidence}
					format={(v) => num(v, 1)}
					testId="total-confidence"
					hidden={view.suppressed}
				/>
				<Figure
					label="AI errors caught"
					value={view.suppressed ? '' : `in ${pct(view.totals.catchRate)} of uses`}
					comparison={figures.catchRate}
					format={(v) => pct(v)}
					testId="catch-rate"
					hidden={view.suppressed}
				/>
			</dl>
			<p className="muted small">
				Changes compare {weeks} with the {figures.weeks === 1 ? 'week' : `${figures.weeks} weeks`} before them.
			</p>
			<div className="fluency">
				<div>
					<h3>Growing</h3>
					{tasks.growing.length === 0 ? (
						<p className="muted">No task type yet.</p>
					) : (
						<ul data-testid="growing">
							{tasks.growing.map((row) => (
								<li key={row.task}>
									{taskLink(row, supportOf(row.task))}: confidence up {num(row.confidenceChange, 1)}
								</li>
							))}
						</ul>
					)}
				</div>
				<div>
					<h3>Not growing yet: where to help</h3>
					{tasks.notGrowing.length === 0 ? (
						<p className="muted">None: every task type with enough people is growing.</p>
					) : (
						<ul data-testid="not-growing">
							{tasks.notGrowing.map(({ row, reason }) => (
								<li key={row.task}>
									{taskLink(row, supportOf(row.task))}: {REASONS[reason]}. <Help support={supportOf(row.task)} />
								</li>
							))}
						</ul>
					)}
					{tasks.unknown.length > 0 && (
						<p className="muted small">Too few people to say: {tasks.unknown.map((row) => row.title).join(', ')}.</p>
					)}
				</div>
			</div>
		</section>
	);
}
