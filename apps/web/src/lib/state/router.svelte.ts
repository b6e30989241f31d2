/** Hash routes, so that the service worker's single app shell serves every screen offline. */
export type Route =
  | { name: 'home' }
  | { name: 'grading'; commissionId: string; mode: 'candidate' | 'question'; focus: string | null }
  | { name: 'exam'; examId: string; tab: ExamTab }
  /** Exam setup: a coordinator creates a draft exam. */
  | { name: 'newExam' }
  /** R8: the second examiner's sample of one commission (its members and the coordinator). */
  | { name: 'sample'; commissionId: string };

/** The coordinator's and supervisor's screens of one exam. */
const examTabs = [
  'progress',
  'worklist',
  'export',
  'audit',
  'import',
  'statistics',
  'appeals',
  'commissions',
  'finals',
  'setup',
] as const;
export type ExamTab = (typeof examTabs)[number];
const isExamTab = (s: string | undefined): s is ExamTab => examTabs.some((t) => t === s);

export const parseRoute = (hash: string): Route => {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'commission' && parts[1]) {
    const params = new URLSearchParams(query);
    return {
      name: 'grading',
      commissionId: decodeURIComponent(parts[1]),
      mode: params.get('by') === 'question' ? 'question' : 'candidate',
      focus: params.get('focus'),
    };
  }
  if (parts[0] === 'sample' && parts[1])
    return { name: 'sample', commissionId: decodeURIComponent(parts[1]) };
  if (parts[0] === 'new-exam') return { name: 'newExam' };
  if (parts[0] === 'exam' && parts[1]) {
    return {
      name: 'exam',
      examId: decodeURIComponent(parts[1]),
      tab: isExamTab(parts[2]) ? parts[2] : 'progress',
    };
  }
  return { name: 'home' };
};

export const href = (route: Route): string => {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'grading': {
      const params = new URLSearchParams({ by: route.mode });
      if (route.focus !== null) params.set('focus', route.focus);
      return `#/commission/${encodeURIComponent(route.commissionId)}?${params}`;
    }
    case 'exam':
      return `#/exam/${encodeURIComponent(route.examId)}/${route.tab}`;
    case 'newExam':
      return '#/new-exam';
    case 'sample':
      return `#/sample/${encodeURIComponent(route.commissionId)}`;
  }
};

class Router {
  route: Route = $state(parseRoute(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => {
      this.route = parseRoute(location.hash);
    });
  }

  go(route: Route, replace = false) {
    const target = href(route);
    if (replace) history.replaceState(null, '', target);
    else history.pushState(null, '', target);
    this.route = parseRoute(target);
  }
}

export const router = new Router();
