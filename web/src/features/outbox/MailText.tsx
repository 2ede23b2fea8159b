/** Web addresses in a plain-text mail; the text is otherwise shown exactly as sent. */
const webAddress = /(https?:\/\/[^\s<>"]+)/;
/** Where the stored copy had a link's secret (src/mail/service.ts `notStored`): such an address leads nowhere. */
export const removedLink = '[removed]';

export function MailText({ text }: { text: string }) {
  const parts = text.split(webAddress);
  return (
    <pre className="mail-text">
      {parts.map((part, index) =>
        // split() with a capture group puts the matches at the odd positions.
        index % 2 === 1 && !part.includes(removedLink) ? (
          <a key={index} href={part} rel="noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}
