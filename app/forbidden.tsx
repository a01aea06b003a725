import { ErrorPage } from '@/components/layout/error-page';

export default function Forbidden() {
  return <ErrorPage kind="forbidden" />;
}
