import { redirect } from 'next/navigation';

/** /admin opens the people list, the first of the administration pages. */
export default function AdminPage() {
  redirect('/admin/users');
}
