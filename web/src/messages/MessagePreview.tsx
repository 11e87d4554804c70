// A phone-style preview of LINE message objects (LINE's own shape): text bubbles with emojis,
// stickers, images, video, audio, location, imagemap, buttons / confirm / carousel templates, a
// basic Flex rendering, coupons and quick reply chips. Used by the editor, the agent's draft
// panel and Try it.
type Msg = Record<string, unknown>;
type Act = { type?: string; label?: string; data?: string; uri?: string; text?: string };

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function ActionButton({ a, testid }: { a: Act; testid?: string }) {
  return (
    <div className="lp-action" data-testid={testid ?? "preview-action"} data-action-type={a.type} title={a.data ?? a.uri ?? a.text ?? ""}>
      {a.label ?? ""}
    </div>
  );
}

function FlexNode({ n }: { n: Msg }) {
  const type = str(n.type);
  if (type === "box") {
    const contents = Array.isArray(n.contents) ? (n.contents as Msg[]) : [];
    return (
      <div className={`lp-flex-box lp-flex-${str(n.layout) || "vertical"}`}>
        {contents.map((c, i) => <FlexNode key={i} n={c} />)}
      </div>
    );
  }
  if (type === "text") return <div className={`lp-flex-text${n.weight === "bold" ? " bold" : ""}`} style={{ color: str(n.color) || undefined }}>{str(n.text)}</div>;
  if (type === "image") return <img className="lp-flex-image" src={str(n.url)} alt="" />;
  if (type === "button") return <ActionButton a={(n.action ?? {}) as Act} />;
  if (type === "separator") return <hr className="lp-flex-separator" />;
  return null;
}

function Bubble({ b }: { b: Msg }) {
  return (
    <div className="lp-flex-bubble" data-testid="preview-flex-bubble">
      {(["header", "hero", "body", "footer"] as const).map((part) =>
        b[part] ? <div key={part} className={`lp-flex-${part}`}><FlexNode n={b[part] as Msg} /></div> : null,
      )}
    </div>
  );
}

function Card({ title, text, image, actions }: { title?: string; text: string; image?: string; actions: Act[] }) {
  return (
    <div className="lp-card">
      {image && <img className="lp-card-image" src={image} alt="" />}
      {title && <div className="lp-card-title">{title}</div>}
      <div className="lp-card-text">{text}</div>
      {actions.map((a, i) => <ActionButton key={i} a={a} />)}
    </div>
  );
}

function Body({ m }: { m: Msg }) {
  const type = str(m.type);
  switch (type) {
    case "text":
      return <div className="lp-bubble" data-testid="preview-text">{str(m.text)}</div>;
    case "sticker":
      return <div className="lp-sticker" data-testid="preview-sticker">🐻 {str(m.packageId)}/{str(m.stickerId)}</div>;
    case "image":
      return <img className="lp-image" data-testid="preview-image" src={str(m.previewImageUrl)} alt="" />;
    case "video":
      return (
        <div className="lp-video" data-testid="preview-video">
          <img className="lp-image" src={str(m.previewImageUrl)} alt="" />
          <span className="lp-play">▶</span>
          {m.trackingId ? <span className="lp-note">trackingId: {str(m.trackingId)}</span> : null}
        </div>
      );
    case "audio":
      return <div className="lp-bubble" data-testid="preview-audio">🔊 {Math.round(Number(m.duration ?? 0) / 1000)} s</div>;
    case "location":
      return <div className="lp-bubble" data-testid="preview-location">📍 {str(m.title)}<br /><small>{str(m.address)}</small></div>;
    case "imagemap":
      return <img className="lp-image" data-testid="preview-imagemap" src={`${str(m.baseUrl)}/700`} alt={str(m.altText)} />;
    case "coupon":
      return <div className="lp-card" data-testid="preview-coupon">🎟 {str(m.couponId)}</div>;
    case "flex": {
      const c = (m.contents ?? {}) as Msg;
      const bubbles = c.type === "carousel" && Array.isArray(c.contents) ? (c.contents as Msg[]) : [c];
      return <div className="lp-carousel" data-testid="preview-flex">{bubbles.map((b, i) => <Bubble key={i} b={b} />)}</div>;
    }
    case "template": {
      const t = (m.template ?? {}) as Msg;
      const acts = (x: unknown) => (Array.isArray(x) ? (x as Act[]) : []);
      if (t.type === "buttons")
        return <div data-testid="preview-buttons"><Card title={str(t.title)} text={str(t.text)} image={str(t.thumbnailImageUrl) || undefined} actions={acts(t.actions)} /></div>;
      if (t.type === "confirm")
        return (
          <div className="lp-card lp-confirm" data-testid="preview-confirm">
            <div className="lp-card-text">{str(t.text)}</div>
            <div className="lp-confirm-row">{acts(t.actions).map((a, i) => <ActionButton key={i} a={a} />)}</div>
          </div>
        );
      const columns = Array.isArray(t.columns) ? (t.columns as Msg[]) : [];
      return (
        <div className="lp-carousel" data-testid={`preview-${str(t.type)}`}>
          {columns.map((c, i) =>
            t.type === "image_carousel" ? (
              <div key={i} className="lp-card"><img className="lp-card-image" src={str(c.imageUrl)} alt="" /><ActionButton a={(c.action ?? {}) as Act} /></div>
            ) : (
              <Card key={i} title={str(c.title)} text={str(c.text)} image={str(c.thumbnailImageUrl) || undefined} actions={acts(c.actions)} />
            ),
          )}
        </div>
      );
    }
    default:
      return <div className="lp-bubble">[{type || "?"}]</div>;
  }
}

export function MessagePreview({ messages, testid = "message-preview" }: { messages: unknown; testid?: string }) {
  const list = Array.isArray(messages) ? (messages.filter((m) => m && typeof m === "object") as Msg[]) : [];
  if (!list.length) return null;
  const last = list[list.length - 1];
  const quick = ((last.quickReply as Msg | undefined)?.items ?? []) as { action?: Act }[];
  return (
    <div className="line-phone" data-testid={testid}>
      {list.map((m, i) => (
        <div key={i} className="lp-row" data-testid="preview-message" data-type={str(m.type)}>
          <Body m={m} />
        </div>
      ))}
      {quick.length > 0 && (
        <div className="lp-quick" data-testid="preview-quick-replies">
          {quick.map((q, i) => <span key={i} className="lp-chip">{q.action?.label ?? ""}</span>)}
        </div>
      )}
    </div>
  );
}

/** Problems of a Flex container, checked live while typing JSON (the server checks it fully). */
export function flexProblems(text: string): string | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return `JSON: ${(e as Error).message}`;
  }
  if (!v || typeof v !== "object") return "contents must be an object";
  const c = v as Msg;
  if (c.type !== "bubble" && c.type !== "carousel") return "contents.type must be “bubble” or “carousel”";
  if (c.type === "carousel" && (!Array.isArray(c.contents) || c.contents.length < 1 || c.contents.length > 12))
    return "a carousel holds 1 to 12 bubbles";
  if (new TextEncoder().encode(text).length > 50000) return "contents is larger than 50 KB";
  return null;
}
