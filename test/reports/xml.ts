// Parses SVG / XHTML strictly with @xmldom/xmldom: any warning or error fails the test.
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

export function parseXml(text: string, type: 'image/svg+xml' | 'text/html' | 'application/xhtml+xml' = 'image/svg+xml'): Document {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => { problems.push(`${level}: ${message}`); } }).parseFromString(text, type);
  if (problems.length > 0) throw new Error(`not well-formed:\n${problems.join('\n')}`);
  return doc;
}

export function elements(doc: Document, tag: string): Element[] {
  return Array.from(doc.getElementsByTagName(tag) as unknown as ArrayLike<Element>);
}

export const num = (e: Element, attr: string): number => Number(e.getAttribute(attr));
