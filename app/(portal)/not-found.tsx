import { ErrorContent } from '@/components/layout/error-page';

export default function NotFound() {
  return <ErrorContent kind="notFound" />;
}
