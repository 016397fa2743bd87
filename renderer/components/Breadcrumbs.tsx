import { hrefOf, type Route } from '../navigation/route';

export interface Crumb {
  label: string;
  route?: Route;
}

/** Where this screen sits: Trials › trial › study. The last crumb is the current page. */
export function Breadcrumbs({ crumbs }: { crumbs: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {crumbs.map((crumb, i) => (
          <li key={`${i}-${crumb.label}`}>
            {crumb.route && i < crumbs.length - 1 ? (
              <a href={hrefOf(crumb.route)}>{crumb.label}</a>
            ) : (
              <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
