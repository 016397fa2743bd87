import { memo } from 'react';
import type { StudyDetail } from '../../common/api-contract';
import { formatCount } from '../format/value-text';
import { Breadcrumbs } from './Breadcrumbs';
import { StudyLots } from './StudyLots';

/** The study's name, where it sits, its facts (season, location, design, layout) and the seed lots it used. */
export const StudyHeader = memo(function StudyHeader({ study }: { study: StudyDetail }) {
  const facts = [
    study.season,
    study.locationName,
    study.design,
    study.layoutRows && study.layoutColumns ? `${study.layoutRows} × ${study.layoutColumns} layout` : null,
    `${formatCount(study.plotCount)} plots`,
    `${study.variables.length} traits`,
  ].filter((fact): fact is string => Boolean(fact));
  return (
    <header className="study-header">
      <Breadcrumbs
        crumbs={[
          { label: 'Trials', route: { screen: 'trials' } },
          { label: study.trialName, route: { screen: 'trial', trialId: study.trialId } },
          { label: study.name },
        ]}
      />
      <h1>{study.name}</h1>
      <ul className="fact-list" aria-label="About this study">
        {facts.map((fact) => (
          <li key={fact}>{fact}</li>
        ))}
      </ul>
      <StudyLots studyId={study.id} />
    </header>
  );
});
