import { mayManageStock } from '../../common/stock/stock-roles';
import { useApiData } from './use-api-data';

/**
 * Who is working on the open station, and whether they may make the station manager's decisions
 * (adjust stock, approve counts). Screens use it to say so up front; the services check it anyway.
 */
export function useCurrentUser(): { name: string | null; role: string | null; managesStock: boolean | null } {
  const user = useApiData('stations:current-user', {}, ['users', 'devices']);
  if (user.data === null) return { name: null, role: null, managesStock: null };
  return { name: user.data.name, role: user.data.role, managesStock: mayManageStock(user.data.role) };
}
