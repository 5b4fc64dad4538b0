/** The signed-in employee, as the shell loaded it: roles decide which screens show. */
import { createContext, useContext } from 'react';
import type { ViewerQuery } from './generated/graphql';

export type Viewer = ViewerQuery['me'] & { isHr: boolean; isOrgAdmin: boolean };

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside the signed-in shell');
  return viewer;
}

export function toViewer(me: ViewerQuery['me']): Viewer {
  return { ...me, isHr: me.roles.includes('HR_ADMIN') || me.roles.includes('ORG_ADMIN'), isOrgAdmin: me.roles.includes('ORG_ADMIN') };
}
