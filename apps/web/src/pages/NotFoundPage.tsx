import { PageHeader } from '../components/ui';
import { Link } from '../router';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" lead="This page does not exist, or your role does not give access to it." />
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </>
  );
}
