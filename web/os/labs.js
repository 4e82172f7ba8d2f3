/*
 * The lab visualisers as apps: each lab's page (web/labN.html) in a window.
 * The pages are the site's own, unchanged; a window just frames one.
 */
const LABS = [
	{ page: 'lab1.html', title: 'Lab 1: buddy allocator', icon: '\u25a6' },
	{ page: 'lab2.html', title: 'Lab 2: page tables', icon: '\u2637' },
	{ page: 'lab3.html', title: 'Lab 3: scheduling', icon: '\u25f7' },
	{ page: 'lab4.html', title: 'Lab 4: processes', icon: '\u2699' },
	{ page: 'lab5.html', title: 'Lab 5: ext2', icon: '\u25a4' },
];

export const labApps = LABS.map(({ page, title, icon }) => ({
	id: page.replace('.html', ''), title, icon, single: true, width: 1100, height: 720,
	open() {
		const body = document.createElement('iframe');
		body.src = page;
		body.title = title;
		return { body };
	},
}));
