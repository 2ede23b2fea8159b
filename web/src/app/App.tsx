import { PublicLayout } from './PublicLayout';
import { publicRoutes, stageRoutes } from './routes';
import { matchPath, usePathname } from './router';
import { SessionGate } from './session';
import { Shell } from './Shell';

export function App() {
  const pathname = usePathname();
  const stage = stageRoutes.find((route) => matchPath(route.pattern, pathname));
  if (stage) return <stage.page />;
  for (const route of publicRoutes) {
    const params = matchPath(route.pattern, pathname);
    if (params) {
      return (
        <PublicLayout>
          <route.page params={params} />
        </PublicLayout>
      );
    }
  }
  return (
    <SessionGate>
      <Shell pathname={pathname} />
    </SessionGate>
  );
}
