import { memo } from 'react';
import type { WalkOrder } from '../../common/walk-order';
import { useRoute } from '../navigation/use-route';
import type { ScanMatch } from '../recording/use-scan-match';
import type { StudyViewMode } from '../recording/use-study-view';
import { GoToPlot } from './GoToPlot';
import { ScanMatchPicker } from './ScanMatchPicker';
import { StudyFiles } from './StudyFiles';
import { WalkOrderPicker } from './WalkOrderPicker';

interface StudyToolbarProps {
  onGo(code: string): boolean;
  /** What go-to and scans match first: a plot attribute the person chose for the study. */
  scanMatch: ScanMatch;
  mode: StudyViewMode;
  onModeChange(mode: StudyViewMode): void;
  order: WalkOrder;
  onOrderChange(order: WalkOrder): void;
  /** Why the walk could not be kept for next time, if it could not. */
  orderProblem: string | null;
  /** Where "next unscored" would go: 'none' when every plot shown is scored, 'here' when only the selected one is left. */
  nextUnscored: 'elsewhere' | 'here' | 'none';
  onNextUnscored(): void;
}

const modes: { mode: StudyViewMode; label: string }[] = [
  { mode: 'list', label: 'List' },
  { mode: 'grid', label: 'Grid' },
];

/** Finding a plot, list or grid, "next unscored", the walking order, and the study's files. */
export const StudyToolbar = memo(function StudyToolbar(props: StudyToolbarProps) {
  const { onGo, scanMatch, mode, onModeChange, order, onOrderChange, orderProblem, nextUnscored, onNextUnscored } = props;
  // The study open is the one in the address (the toolbar is only shown on a study's screen).
  const route = useRoute();
  return (
    <div className="study-toolbar">
      <div className="plot-search">
        <GoToPlot onGo={onGo} attribute={scanMatch.attribute} />
        <ScanMatchPicker scanMatch={scanMatch} />
      </div>
      <div className="view-switch" role="group" aria-label="Show the plots as">
        {modes.map((m) => (
          <button
            key={m.mode}
            type="button"
            className={`view-switch-button${mode === m.mode ? ' view-switch-on' : ''}`}
            aria-pressed={mode === m.mode}
            onClick={() => onModeChange(m.mode)}
            data-testid={`view-${m.mode}`}
          >
            {m.label}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="button button-small"
        disabled={nextUnscored !== 'elsewhere'}
        title={
          nextUnscored === 'none'
            ? 'Every plot shown has a value for each trait of the walk'
            : nextUnscored === 'here'
              ? 'This is the last plot shown still missing a value'
              : 'Go to the next plot along the walk still missing a value'
        }
        onClick={onNextUnscored}
        data-testid="next-unscored"
      >
        Next unscored →
      </button>
      <WalkOrderPicker order={order} onChange={onOrderChange} />
      {orderProblem ? (
        <p className="walk-problem" role="alert">
          This walk is used now, but could not be kept for next time: {orderProblem}
        </p>
      ) : null}
      {route.screen === 'study' ? <StudyFiles studyId={route.studyId} /> : null}
    </div>
  );
});
