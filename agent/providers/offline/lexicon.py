"""Words for triggers and actions in English and Japanese (regular expressions).

Patterns run on text whose quoted parts are masked, so a message text like "thanks for adding
us" never reads as a trigger. Each pattern marks where its mention is; the parser orders
actions by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# ASCII \b: Japanese letters count as \w, so "らHubSpotに" would have no word boundary.
_I = re.I | re.A
WHO = r"\b(?:someone|somebody|anyone|a friend|the friend|friends|a user|users|the user|people|" \
      r"a customer|customers|they|he|she|a person|new friends?|a new friend|user|" \
      r"(?:^|(?<=[.;:!?] ))friend|(?:a|an|the|any)\s+[\w-]+\s+(?:friend|customer|user|member))"

TRIGGERS: dict[str, list[re.Pattern[str]]] = {
    "trigger.friend_add": [
        re.compile(r"\badds?\s+(?:us|me|the account|our (?:line )?account|our line|the shop|"
                   r"our shop)(?:\s+(?:as|on)\s+(?:a\s+)?(?:friend|line))?", _I),
        re.compile(r"\badded\s+(?:us|me|the account|our account)\b", _I),
        re.compile(r"\bfriend[- ]?(?:add|adds|added|addition|request)\b", _I),
        re.compile(r"\b(?:becomes?|became) (?:a |our )?friends?\b", _I),
        re.compile(r"\b(?:follows?|followed|joins?|joined|subscribes?|subscribed)\s+"
                   r"(?:us|our (?:line )?account|the account)\b", _I),
        re.compile(r"\bnew(?:ly added)? (?:line )?(?:friend|follower|subscriber|fan)s?\b", _I),
        # Passive and other voices: "when a friend is added", "once we're added", "adding us".
        re.compile(r"\b(?:friends?|followers?|someone|somebody|they|we|we're|we are|the account|"
                   r"our account|a user|users|people|customers?)\s+(?:is|are|was|were|gets?|got|"
                   r"has been|have been|just|first)?\s*(?:added|followed)\b(?! to\b)", _I),
        re.compile(r"\badd(?:s|ed|ing)?\s+(?:us|our\s+(?:line\s+)?(?:official\s+)?(?:account|"
                   r"shop|store|line|channel)|the\s+(?:line\s+)?(?:official\s+)?(?:account|shop|"
                   r"store))\b", _I),
        re.compile(r"\b(?:follows?|followed|following|joins?|joined|joining)\s+(?:us|our|the)\s+"
                   r"(?:line|official|account|channel|shop|store)?", _I),
        re.compile(r"\b(?:just|newly)\s+(?:added|followed|joined)\b|\bfirst (?:add|follow)\b",
                   _I),
        re.compile(r"\b(?:come|comes|came|coming)\s+(?:to|into)\s+(?:our|the)\s+(?:line|"
                   r"official|account)|\b(?:come|comes|came)\s+(?:for the\s+)?first time\b|"
                   r"\bjoin(?:s|ed)?\s+our\s+line\b", _I),
        re.compile(r"\b(?:on|upon|after|at)\s+(?:a\s+|each\s+|every\s+)?(?:new\s+)?(?:follows?|"
                   r"friend[- ]?adds?|add|subscribes?|sign[- ]?ups?|opt[- ]ins?|joining|"
                   r"following)\b|"
                   r"^\s*(?:follow|friend[- ]?add|new friend|on add)\s*[:：→>-]",
                   _I),
        re.compile(r"\b(?:someone|somebody|anyone|everyone|people|friends|users|whoever|who|"
                   r"customers?|a (?:friend|user|customer|person))\s+(?:who\s+|that\s+)?"
                   r"(?:joins?|joined|follows?|followed|subscribes?|subscribed|signs? up|signed up|"
                   r"registers?|registered|opts? in|opted in)\b(?!\s+(?:to|for)\s+(?:the|our)\s+"
                   r"(?:newsletter|list|event|campaign))", _I),
        re.compile(r"\bafter (?:they |someone )?(?:add(?:s|ing)?|follow(?:s|ing)?) us\b", _I),
        re.compile(r"友だち追加|友達追加|ともだち追加|友だち登録|友達登録|友だちになっ|友達になっ|"
                   r"フォローされ|追加してくれ|登録してくれ|新規友だち|新しい友だち|新しく友だち|"
                   r"追加され(?:た|て)|友だちに(?:なっ|なり)|新規(?:の)?(?:友だち|フォロワー|登録者)|"
                   r"(?:友だち|友達)(?:に)?追加"),
    ],
    "trigger.message_received": [
        re.compile(WHO + r"(?:\s+(?:who|that|which))?\s+(?:sends?|sent|messages?|messaged|types?|"
                   r"typed|writes?|wrote|says?|said|texts?|texted|replies|replied|asks?|asked|"
                   r"enters?|entered|dms?|dmed|chats?|messaging|texting|sending|typing)\b", _I),
        re.compile(r"\b(?:a|the|any|their) (?:message|text|reply) (?:has|with|that has|having)\b",
                   _I),
        # "Auto reply for 'holiday hours' -> …", "an answer to 'menu'" (nouns: the imperative
        # "reply to 'menu' with …" is the step, and its quote the keyword, read elsewhere)
        re.compile(r"\b(?:auto[- ]?repl(?:y|ies)|(?:a|an|the|our)\s+(?:auto[- ]?)?(?:repl(?:y|ies)|"
                   r"responses?|answers?))\s+(?:for|to|on)\s+(?:the\s+)?(?:(?:key)?words?\s+)?"
                   r"(?=\ue000)", _I),
        # "Reply to 'how to brew' with our video": the verb is the step, "to 'X'" the trigger
        re.compile(r"(?:(?<=\breply )|(?<=\brespond )|(?<=\banswer )|(?<=\breplies )|"
                   r"(?<=\bresponses ))to\s+(?:the\s+)?"
                   r"(?:(?:key)?words?\s+|messages?\s+)?(?=\ue000)|"
                   # "Reply to any thank-you message (thanks, ありがとう) with …"
                   r"(?:(?<=\breply )|(?<=\brespond )|(?<=\banswer ))to\s+(?:any|every|each|a|an|"
                   r"the)\s+(?:[\w-]+\s+)?messages?\b(?=\s*\()", _I),
        re.compile(r"\b(?:anyone|people|friends?|those|customers?|users?|everyone|whoever|someone)"
                   r"\s+(?:who|that)\s+(?:sends?|types?|says?|writes?|texts?|messages?)\b", _I),
        re.compile(r"\b(?:a|the|any)\s+(?:friend|customer|user|member)\s+"
                   r"(?:(?!is\b|was\b|are\b|were\b|gets?\b|has\b)[^\s,.;:]+\s+){1,3}?"
                   r"(?:sends?|types?|texts?|writes?|messages?)\s+(?:us\s+)?(?=\S)", _I),
        re.compile(r"\b(?:asking|asks|asked|ask us|asking us)\s+(?:about|for)\b(?=\s*\ue000)|"
                   r"\bask(?:s|ed)?\s+us\s+(?=\ue000)", _I),
        re.compile(r"\b\w+s\s+(?:who|that)\s+(?:write|writes|send|sends|type|types|message|"
                   r"messages|text|texts)\b", _I),
        re.compile(r"\b(?:people|anyone|someone|customers?|friends?|users?|those|who)\s+"
                   r"(?:asking|asks|ask|asked)\s+(?:us\s+)?(?:about|for)\b", _I),
        re.compile(r"\b(?:is|are|gets?|was|were)\s+(?:sent|typed|received|texted|messaged)\s+"
                   r"(?:to us|by (?:a )?friends?|in (?:the )?chat)\b|\b(?:dms?|texts?|writes? to|"
                   r"chats? with) us\b", _I),
        re.compile(r"\b(?:whole|entire|full) message is\b|\bmessage is exactly\b|"
                   r"\bonly the word\b", _I),
        re.compile(r"\b(?:on|for|with) the (?:key)?words?\b|\btrigger words?\b|"
                   r"\bthe (?:key)?(?:word|phrase)\b(?=\s*\ue000)|"
                   r"\b(?:mentions?|mentioned)\s+(?=\ue000)|\b(?:word|phrase)\s*\ue000+\s*"
                   r"(?:appears|shows up|is (?:in|used|mentioned|sent))", _I),
        re.compile(r"\b(?:sends?|messages?) us\b", _I),
        re.compile(r"\bkeywords?\b", _I),
        re.compile(r"\b(?:receive|get|gets|receives?)\s+(?:a |any )?(?:message|text)\b", _I),
        re.compile(r"\bmessages? (?:(?:that |which )?(?:contains?|includes?|says?|matches|"
                   r"starts?|begins?|ends?|equals?)|containing|including|with the word|"
                   r"matching|starting with|beginning with|ending with|equal to)\b", _I),
        re.compile(r"\b(?:whenever|when|if) (?:a )?(?:message|text) (?:comes in|arrives)\b", _I),
        re.compile(r"\b(?:a|the|their|any) (?:message|text|reply) (?:starts|begins|ends|contains|"
                   r"includes|is exactly|equals|says|matches)\b", _I),
        re.compile(r"(?:と|って)(?:送|おく)(?:って|信し|られて)(?:き|来)?た(?:ら|とき|時|場合|人|方|法人|お客|ユーザー|友だち|友達)|"
                   r"(?:と|って)(?:送|おく)っ(?:て(?:き|来)た|た)(?:ら|とき|時|場合|人|方|法人|お客|ユーザー|友だち|友達)|"
                   r"(?:と|って)(?:送|おく)られ(?:て(?:き|来)?)?た(?:ら|とき|時|場合|人|方|法人|お客|ユーザー|友だち|友達)|"
                   r"(?:と|って)(?:送信|入力|発言|返信|メッセージ)(?:し|され|が来|があっ|が?届い|来)た(?:ら|とき|時|場合|人|方)|"
                   r"(?:を|が|と)含む(?:メッセージ|発言|返信)|キーワード|メッセージ(?:を|が)(?:受信|届|来|送られて)|"
                   r"(?:メッセージ|発言)を?受け(?:取|と)った|と(?:完全一致|一致)する(?:メッセージ|発言)|"
                   r"で始まる(?:メッセージ|発言)|で終わる(?:メッセージ|発言)|受信したら|"
                   r"(?:と|が)(?:完全一致|部分一致|前方一致|後方一致)で?(?:送|届|来)|"
                   r"(?:が|を)入って(?:い)?たら|(?:と|って)だけ(?:送|入力|言)|"
                   r"と完全に一致する(?:メッセージ|発言)|メッセージの(?:頭|最初|先頭)が|"
                   r"(?:と|って)(?:言われ|いわれ|言っ|聞かれ|質問され|書き込まれ|打たれ|入力され|"
                   r"来|き)(?:て(?:き|来)?)?た(?:ら|とき|時|場合|人|方)|(?:という|との|って)(?:メッセージ|"
                   r"キーワード|言葉|返信)(?:が|を)?(?:来|届|受信|送られ)|"
                   r"(?:が|を)含(?:まれ|む)(?:て(?:い)?(?:た|る))?(?:ら|とき|時|場合)|"
                   r"メッセージ(?:が|は)\ue000+(?:の一言)?(?:だけ|のみ)|"
                   r"メッセージ(?:が|は)\ue000+(?:から|で)(?:始ま|終わ)|"
                   # 「試飲」というメッセージに自動返信: a reply to a message that says it
                   r"(?<=\ue000)(?:という|との|って)(?:メッセージ|キーワード|言葉|発言)(?:に|へ)"),
    ],
    "trigger.postback": [
        re.compile(r"\bpostback\b", _I),
        re.compile(r"\b(?:taps?|tapped|press(?:es)?|pressed|clicks?|clicked|pushes)\s+(?:on\s+)?"
                   r"(?:a|the|our)?\s*(?:\S+\s+){0,3}?(?:button|rich menu area|"
                   r"menu (?:area|item))\b",
                   _I),
        re.compile(r"\b(?:taps?|tapped|press(?:es)?|pressed|clicks?|clicked|chooses?|selects?)"
                   r"\s+(?:on\s+)?(?:\S+\s+){0,4}?(?:in|on|from)\s+(?:the|our)\s+(?:rich\s+)?menu\b|"
                   r"\bbutton (?:tap|press|click)s?\b|\bpostback (?:data|event|action)\b|"
                   r"\b(?:taps?|tapped|press(?:es)?|pressed|clicks?|clicked)\s+(?:\S+\s+){0,4}?"
                   r"button\s+(?:in|on)\s+(?:the\s+|our\s+)?rich\s+menu\b", _I),
        re.compile(r"(?<![A-Za-z0-9_=?&/.:%-])[A-Za-z][A-Za-z0-9_\-.]*=[A-Za-z0-9_\-.]+(?![\w=])|"
                   r"\bbutton\b[^.;]{0,40}?\b(?:sends?|with the data|data)\b", _I),
        re.compile(r"リッチメニューの[^。、]{0,20}?ボタン[^。、]{0,40}?(?:を|が)(?:押|タップ|クリック)|"
                   r"ポストバック|ボタン[^。、]{0,40}?(?:を|が)(?:押|タップ|クリック)|ボタン(?:を)?(?:押|タップ|クリック)|(?:メニュー|ボタン)(?:が|を)?(?:タップ|押さ|クリック)"),
    ],
    "trigger.qr_scan": [
        re.compile(r"\bscan(?:s|ned|ning)?\b(?:\s+\S+){0,3}\s*qr\b|\bqr[- ]?codes?\b.{0,20}"
                   r"\bscan|\bqr\b", _I),
        re.compile(r"\bscan(?:s|ned|ning)?\s+(?:\S+\s+){0,4}?codes?\b|\bcode (?:is |gets )?"
                   r"scanned\b", _I),
        re.compile(r"QRコード|QR|二次元コード|コードを読み取|読み取(?:っ|られ)"),
    ],
    "trigger.video_viewed": [
        re.compile(r"\b(?:watch(?:es|ed)?|view(?:s|ed)?|finish(?:es|ed)? watching|completes?)\b"
                   r"(?:\s+\S+){0,3}\s+video\b|\bvideo\b.{0,20}\b(?:view|watched|completed|"
                   r"play(?:ed)?)\b", _I),
        re.compile(r"\b(?:finish(?:es|ed|ing)?|complet(?:es|ed|ing|e)|watch(?:es|ed|ing)?|"
                   r"view(?:s|ed|ing)?|see(?:s|n)?|saw|plays?|played|ends?)\b(?:\s+\S+){0,5}?\s+"
                   r"(?:video|movie|clip|film)s?\b|\b(?:video|movie|clip)s?\b[^.;!?]{0,40}?"
                   r"\b(?:finish|complet|watch|view|end|play(?:ed|s)? (?:to the end|through))", _I),
        re.compile(r"\bviewers?\s+of\s+(?:the\s+|our\s+)?(?:\S+\s+){0,2}?(?:video|movie|clip)\b",
                   _I),
        re.compile(r"\bvideo (?:view|watch)(?:ed|s)?\b|\btracking[ _-]?id\b[^.;!?]{0,40}\bvideo\b|"
                   r"\bvideo\b[^.;!?]{0,60}\btracking[ _-]?id\b", _I),
        re.compile(r"動画[^。]{0,40}?(?:視聴|見終|見た|見て|再生|最後まで)|動画視聴|"
                   r"(?:ムービー|映像)[^。]{0,30}?(?:視聴|見終|最後まで)"),
    ],
    "trigger.block": [
        re.compile(r"\bblocks?\s+(?:us|the account|our account|me)\b|\bblocked\s+(?:us|the "
                   r"account)\b|\bunfollows?\b|\bunfriends?\b|\bblockers\b|"
                   r"\b(?:people|friends|those|anyone|users|customers)\s+who\s+block\b", _I),
        re.compile(r"\b(?:block(?:s|ed|ing)?)\s+(?:our|the)\s+(?:line\s+)?(?:official\s+)?"
                   r"(?:account|shop|store|channel)\b|\b(?:we(?:'re| are)?|the account|"
                   r"our account|we get|we got)\s+(?:is\s+|are\s+|gets?\s+)?blocked\b|"
                   r"\bunfollow(?:ed|ing|s)?\b|"
                   r"\b(?:blocks?|blocked)\b(?=\s*(?:,|$|\.|;|then|we|send|tag|remove|add))", _I),
        re.compile(r"^\s*(?:on\s+)?(?:block|blocked|unfollow|unfollowed)\s*[:：→>-]", _I),
        re.compile(r"ブロック(?:され|した|する)|ブロックしたら"),
    ],
    "trigger.purchase_completed": [
        re.compile(r"\b(?:purchases?|purchased|buys?|bought|(?<!in )orders?|ordered|checks? out|"
                   r"checked out|completes? (?:a |an |their )?(?:purchase|order)|spends?|spent|"
                   r"buyers?|purchasers?)\b", _I),
        re.compile(r"\bcomplet(?:es?|ed|ing)\s+(?:the\s+|their\s+|a\s+)?check[- ]?out\b", _I),
        re.compile(r"\b(?:places?|placed|makes?|made|completes?|completed)\s+(?:an?\s+|their\s+|"
                   r"the\s+)?(?:first\s+|new\s+)?(?:order|purchase|payment)\b|\bafter\s+(?:the\s+)?"
                   r"checkout\b|\border (?:is |gets )?(?:completed|placed|confirmed|paid)\b|"
                   r"\bpays?\s+for\b|\bpaid for\b", _I),
        re.compile(r"購入|買っ|買い物|注文|お買い上げ|決済(?:が)?完了"),
    ],
    "trigger.cart_abandoned": [
        re.compile(r"\b(?:abandon(?:s|ed)?|leaves?|left)\s+(?:\w+\s+){0,3}?(?:shopping )?"
                   r"(?:cart|basket)s?\b|\bcart abandon(?:ment|ed)?\b|"
                   r"\babandoned (?:shopping )?(?:carts?|baskets?)\b|"
                   r"\b(?:carts?|baskets?)\b(?:\s+\S+){0,4}?\s+(?:is |are |gets |get |was |were )?"
                   r"(?:left )?abandoned\b", _I),
        re.compile(r"\b(?:leave|leaves|left|forget|forgets|forgot|abandon|abandons)\s+(?:\S+\s+){0,3}?"
                   r"in\s+(?:their|the|a|his|her)\s+(?:shopping\s+)?(?:cart|basket|bag)\b|"
                   r"\b(?:cart|basket)s?\b[^.;!?]{0,30}\b(?:without|not|never|don't|doesn't|didn't)\s+"
                   r"(?:checking out|check out|buying|buy|purchasing|paying|completing)\b|"
                   r"\bcart (?:recovery|reminder)\b|\b(?:cart |basket )?abandoners?\b|"
                   r"\b(?:carts?|baskets?)\b[^.;→]{0,40}?\b(?:left behind|left|abandoned|"
                   r"forgotten)\b", _I),
        re.compile(r"カゴ落ち|かご落ち|カート(?:放棄|落ち|離脱)|カートに(?:入れた|残)|"
                   r"(?:カート|カゴ|かご)[^。]{0,20}?(?:まま|購入せず|買わず|放置)"),
    ],
}

ACTIONS: dict[str, list[re.Pattern[str]]] = {
    "send": [
        re.compile(r"(?<!auto-)(?<!auto )\b(?:send|sending|push(?!\s+(?:\S+\s+){0,4}?(?:into|to)\s+"
                   r"(?:our\s+|the\s+)?"
                   r"(?:hubspot|klaviyo|crm))|deliver|reply|respond|answer back|greet|"
                   r"follow[- ]?up)\b(?!\s+us\b)", _I),
        re.compile(r"\b(?:message|text|dm)\s+(?:them|him|her|the friend|the user|the customer|"
                   r"people|friends?|everyone|back)\b", _I),
        re.compile(r"\bauto[- ]?reply\b", _I),
        # "Welcome them with '…'", "thank them", "ask them to leave a review": messages too.
        re.compile(r"\b(?:welcome|greet)\b(?=\s+(?:\S+\s+){0,3}?with\b)|\bthank (?:them|him|her|"
                   r"the (?:buyer|customer|friend|user)s?|buyers|customers|people|everyone|"
                   r"friends)\b", _I),
        # Other ways of saying "send them a message": remind, notify, tell, offer, invite...
        re.compile(r"\b(?:remind|reminds|nudge|notify|inform|tell|invite|congratulate|ping|"
                   r"reach out to|follow up with|let(?=\s+\S+\s+know\b))\s+(?:them|him|her|"
                   r"the\s+\w+|new\s+\w+|"
                   r"people|friends|customers|buyers|everyone|users|shoppers|those)\b|"
                   r"\b(?:offer|offers)\s+(?:them\s+|him\s+|her\s+)?(?:a|an|the|our|\d)|"
                   r"\b(?:dm|text)\s+(?:them|him|her)\b|\bsay\s+(?:thanks|thank you|hello|hi|"
                   r"welcome)\b", _I),
        re.compile(r"\b(?:receive|receives|get|gets|be sent|is sent|are sent|be told|are told|"
                   r"is told)\s+(?=\ue000)|(?<=, )sent\s+(?=\ue000)|(?<=\band )sent\s+(?=\ue000)|"
                   # "'Join our club' is sent instead": the quote, then its passive verb
                   r"\ue000+(?=\s+(?:is|are|will be|gets?|should be)\s+sent\b)|"
                   r"(?:^|[:：→>]\s*)remind\b", _I),
        re.compile(r"\b(?:say|says|receive|receives|message)\b(?=\s*[:：])|"
                   r"\b(?:say|message|then message)\b(?=\s*\ue000)|"
                   # "then answer '…'": an answer the shop gives, not a friend's answer
                   r"(?<!they )(?<!who )(?<!you )(?<!people )(?<!friends )(?<!if )"
                   r"\b(?:answer|answer them|answer back|write back|respond)"
                   r"(?:\s+with)?(?=\s*\ue000)|"
                   r"\b(?:a|the|our)?\s*(?:short|quick|little)?\s*(?:thanks|thank[- ]you|greeting)"
                   r"\s*\(?\s*(?=\ue000)|"
                   r"\b(?:get|gets|receive|receives|be sent)\s+(?:(?:a|an|the|our|their)\s+)?"
                   r"(?:[\w-]+\s+){0,3}?(?=https?://)|"
                   r"(?:→|->|=>)\s*\ue000+\s*(?=→|->|=>|$|[,.;])", _I),
        # "the welcome coupon now and a reminder 3 days later": a second message, verb elided.
        re.compile(r"\b(?:and|then|plus|followed by)\s+(?:a|an|another|one more)\s+"
                   r"(?:\S+\s+){0,2}?(?:reminders?|coupons?|discounts?|messages?|follow[- ]ups?|"
                   r"thank[- ]you(?: notes?)?|notes?|nudges?|offers?)\b", _I),
        re.compile(r"\b(?:give|gives|get|gets|receive|receives|grant|present)\s+(?:them\s+|"
                   r"him\s+|her\s+|each of them\s+|everyone\s+)?(?:a|an|the|our|their|some|\d+%?)?"
                   r"\s*(?:\S+\s+){0,3}?(?:coupons?|discounts?|vouchers?|promo codes?|codes?|"
                   r"gifts?|messages?|links?|reminders?|notes?|thank[- ]you(?: notes?| messages?)?|"
                   r"greetings?|presents?|treats?|offers?|deals?|freebies?|apology|apologies|"
                   r"sorry (?:notes?|messages?))\b", _I),
        # "new friends get a hello sticker", "receive our intro video", "a message with buttons"
        re.compile(r"\b(?:give|gives|get|gets|receive|receives|be sent)\s+(?:them\s+)?(?:a|an|the|"
                   r"our|their)?\s*(?:\S+\s+){0,2}?(?:stickers?|videos?|buttons?|location|map pin)"
                   r"\b|\bbuttons? message\b", _I),
        re.compile(r"(?:を|と)?(?:送る|送って|送っと|送信|送り|おくる|配信|届け|返信|返す|返して|返答|自動応答|"
                   r"プレゼント|お送り|送付|案内|お知らせ|通知|伝え|リマインド|配布|お礼を)"
                   r"(?!用|向け)"),  # お知らせ用のタグ: what a tag is for, not a step
    ],
    "request": [
        re.compile(r"\bask(?:s|ing)?\s+(?:them\s+|him\s+|her\s+|the\s+\w+\s+)?for\s+(?:a\s+|an\s+)?"
                   r"(?:review|rating|photo|follow|share|visit|referral)", _I),
        re.compile(r"\bask(?:s|ing)?\s+(?:them|him|her|people|friends?|customers?|buyers?|"
                   r"everyone|the (?:friend|customer|buyer|user)s?)\s+(?:kindly\s+)?to\b", _I),
    ],
    "question": [
        # "a 'Coffee or tea?' question we send": the quote is its text, the send is the question's
        re.compile(r"\ue000+\s*(?:question|survey|poll|quiz)(?:\s+(?:that|which)?\s*(?:we|you|I)"
                   r"\s+(?:will\s+|'ll\s+)?(?:send|ask|post|push)(?:\s+(?:them|out))?\b)?", _I),
        re.compile(r"\b(?:survey|questionnaire|poll|quiz|question)\s*(?:\ue000+\s*)?"
                   r"(?:[(（][^)）]{1,80}[)）]\s*)?(?:that|which)?\s*(?:we|you|I)"
                   r"\s+(?:will\s+|'ll\s+)?(?:send|ask|post|push)(?:\s+(?:them|out))?\b", _I),
        re.compile(r"\b(?:ask|asks|asking|survey|questionnaire|poll|quiz|question)\b", _I),
        re.compile(r"質問|アンケート|聞く|聞いて|聞き|尋ね|たずね|回答してもら"),
    ],
    "tag_remove": [
        re.compile(r"\btake\s+(?:the\s+|their\s+)?(?:\S+\s+){0,2}?(?:tags?\s+)?(?:off|away)\b", _I),
        re.compile(r"\b(?:remove|untag|take off|delete|drop|strip|lose|loses|lost|clear|"
                   r"clears)\b(?:\s+\S+){0,4}?\s+tags?\b|\buntag\b|\btags?\b[^.;]{0,20}\b(?:is|are|gets?)"
                   r"\s+removed\b", _I),
        re.compile(r"タグ(?:\S{0,12}?)(?:を|から)?(?:外す|外して|はず|削除|解除|取り)"),
        # "should have their newsletter tag removed": the passive said with "have"
        re.compile(r"\b(?:have|has|get|gets)\s+(?:their|the|his|her)\s+(?:\S+\s+){0,3}?tags?\s+"
                   r"(?:removed|taken off|deleted|cleared)\b", _I),
    ],
    "tag_add": [
        re.compile(r"\btag(?:s|ged|ging)?\s+(?:them|him|her|people|friends?|users?|customers?|"
                   r"those|everyone|the friend|the user|the customer|anyone|it|who|as|with)\b",
                   _I),
        re.compile(r"\b(?:add|apply|give|attach|assign|put|set|mark)\b(?:\s+\S+){0,4}?\s+tags?\b",
                   _I),
        re.compile(r"\b(?:label|mark|segment|flag|classify)\s+(?:them|him|her|those|people|"
                   r"friends?|customers?|buyers?|users?|everyone|anyone|the\s+\w+)\b", _I),
        re.compile(r"\b(?:add|put|place|move)\s+(?:them|him|her|those|people|friends?|customers?|"
                   r"buyers?|users?)\s+(?:to|in|into)\s+(?:the\s+|our\s+)?(?!hubspot|klaviyo|crm)"
                   r"(?:\S+\s+){0,3}?(?:segment|group|tag|audience)\b|\btag(?:ged|s)?\s+by\b", _I),
        re.compile(r"\b(?:gets?|receives?|should get|will get|get|be)\s+(?:the\s+|a\s+)?"
                   r"(?:\S+\s+){0,2}?tag\b|\b(?:gets?|get|be)\s+tagged\b", _I),
        re.compile(r"^tag\b|(?<=[.;!?:\n] )tag\b|(?<=\n)tag\b|\btag\s+(?:the|all|every|any)\s+"
                   r"(?:new\s+)?(?:people|friends?|users?|customers?|buyers?|members?|ones?|"
                   r"followers?|shoppers?)\b|"
                   # "tag the yes people": the verb alone; who they are is an answer arm
                   r"\btag(?=\s+(?:the|all)\s+(?:\S+\s+){0,2}?(?:people|ones|friends|customers|"
                   r"buyers|group)\b)", _I),
        re.compile(r"[A-Za-z0-9\ue000][^\s、。,「」をにがは]{0,29}?タグ(?=[、。,]|$)"),
        re.compile(r"タグ(?:\S{0,12}?)(?:を)?(?:付け|つけ|付与|追加|登録|付ける|つける)|タグ付け|"
                   r"タグづけ|ラベル(?:を)?(?:付け|つけ)"),
    ],
    "rich_menu": [
        re.compile(r"\brich[- ]?menus?\b|"
                   r"\b(?:switch|change|show|swap|move)\b(?:\s+\S+){0,4}\s+menu\b",
                   _I),
        re.compile(r"リッチメニュー|メニューを(?:切り替|切替|変更|表示)"),
    ],
    "auto_message": [
        re.compile(r"\bauto[- ]?(?:send|sent)?[- ]?messages?\b|\bsaved messages?\b|"
                   r"\bauto[- ]?send(?:s|ing)?\b(?!\s*[- ]?messages?)|"
                   r"\btemplate messages?\b|\bstep messages?\b", _I),
        re.compile(r"自動(?:送信|応答)メッセージ|テンプレートメッセージ|保存(?:した|済み|済)(?:の)?メッセージ|"
                   r"登録(?:した|済み|済)(?:の)?メッセージ|ステップ配信"),
    ],
    "customer_agent": [
        re.compile(r"\bcustomer agent\b|\bai (?:agent|assistant|chat(?:bot)?|support)\b|"
                   r"\bai (?:replies|answers|responds|handles|chats)\b|\bai bot\b|"
                   r"\bchat ?bot\b|\b(?:support|customer service|help|faq|service) ?bot\b|"
                   r"\banswer (?:their |customer )?questions automatically\b|"
                   r"\b(?:let|have|get) (?:the |our )?ai\b(?:\s+\S+){0,2}?\s+(?:handle|answer|"
                   r"reply|respond|take over|chat|deal)\b(?:\s+(?:people's|their|customers'?|"
                   r"all|any|the|our)?\s*questions)?|"
                   r"\b(?:hand|pass) (?:them |it |the conversation )?(?:over )?to (?:the )?ai\b",
                   _I),
        re.compile(r"カスタマーエージェント|AI(?:が|で)?(?:自動)?(?:応答|回答|対応|返信)|チャットボット|"
                   r"AI(?:チャット|アシスタント|ボット)|ボット(?:が|で)(?:自動)?(?:応答|対応|返信)|"
                   r"AIエージェント|AIに(?:任せ|対応)|AI(?:が|で|に)?(?:自動(?:で|的に)?)?(?:応答|回答|対応|返信)"),
    ],
    "hubspot": [re.compile(r"\bhub ?spot\b|\bcrm\b", _I), re.compile(r"ハブスポット")],
    "klaviyo": [re.compile(r"\bklaviyo\b", _I), re.compile(r"クラビヨ")],
}

MATCH_TYPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bstarts? with\b|\bstarting with\b|\bbegins? with\b|\bbeginning with\b|"
                r"\bprefix\b|で始まる|から始まる|前方一致|(?:頭|最初|先頭)が", _I), "starts_with"),
    (re.compile(r"\bends? with\b|\bending with\b|\bsuffix\b|で終わる|後方一致", _I), "ends_with"),
    (re.compile(r"\bexact(?:ly)?\b|\bequals?\b|\bis exactly\b|\bonly the word\b|\bexact match\b|"
                r"\b(?:type|types|send|sends|write|writes) only\b|"
                r"\b(?:whole|entire|full) message is\b|\bnothing else\b|完全一致|と一致|ぴったり|"
                r"一言だけ|だけの(?:とき|時|場合)|のみの(?:とき|時|場合)|完全に一致|とだけ|ってだけ",
                _I), "equals"),
    (re.compile(r"\bcontain(?:s|ing)?\b|\binclud(?:es|ing)\b|\bwith the word\b|を含む|が含まれ|"
                r"含まれる|部分一致", _I), "contains"),
]

CONTENT_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bcoupons?\b|\bdiscount\b|\bvoucher\b|\bpromo(?:tion)? code\b|クーポン|割引|"
                r"値引", _I), "coupon"),
    (re.compile(r"\bwelcome\b|\bgreeting\b|\bgreet\b|ようこそ|あいさつ|挨拶|ウェルカム", _I),
     "welcome"),
    (re.compile(r"\bthank(?:s| you)?\b|お礼|ありがとう|感謝|サンクス", _I), "thanks"),
    (re.compile(r"\bremind(?:er)?\b|\bnudge\b|\bfollow[- ]up\b|リマインド|リマインダー|催促|"
                r"フォローアップ", _I), "reminder"),
    (re.compile(r"\breview\b|レビュー|口コミ", _I), "review"),
    (re.compile(r"\bopening hours\b|\bbusiness hours\b|営業時間", _I), "hours"),
]


# Steps said as nouns when no verb is ("Welcome message for new friends", 「5000円以上買った人に
# VIPタグ」, "cart abandoned: reminder after 3h"): read only when no action verb is found.
NOUN_ACTIONS: dict[str, list[re.Pattern[str]]] = {
    "tag_add": [re.compile(r"[^\s、。,「」\ue000をにがは]{1,30}?タグ|(?:\b[\w\-]+\s+)?\btags?\b",
                           _I)],
    "rich_menu": [re.compile(r"\b(?:rich\s+)?menu\b|メニュー", _I)],
    "question": [re.compile(r"\bsurvey\b|\bquestionnaire\b|アンケート", _I)],
    "send": [re.compile(r"\b(?:messages?|coupons?|reminders?|greetings?|thank[- ]you(?: notes?)?|"
                        r"discounts?|offers?|replies|reply|notes?|texts?|links?|urls?|invites?|"
                        r"invitations?)\b|https?://|メッセージ|クーポン|"
                        r"リマインド|お礼|案内|お知らせ|返信|\ue000", _I)],
}
NOUN_ORDER = ("tag_add", "rich_menu", "question", "send")


@dataclass
class Mention:
    kind: str  # a trigger type, or an action kind from ACTIONS
    start: int
    end: int
    data: dict[str, object] = field(default_factory=dict)

    @property
    def is_trigger(self) -> bool:
        return self.kind.startswith("trigger.")


def _overlaps(a: Mention, spans: list[Mention]) -> bool:
    return any(a.start < b.end and b.start < a.end for b in spans)


_NOT_A_PURCHASE = re.compile(r"(?:about|of|on|check|track|with|for|status of)\s+(?:their|the|your|"
                             r"an?|my|his|her)?\s*$|(?:keyword|word)\s*[:：]?\s*$", _I)


def find_triggers(masked: str) -> list[Mention]:
    found: list[Mention] = []
    for kind, patterns in TRIGGERS.items():
        for p in patterns:
            for m in p.finditer(masked):
                noun = re.match(r"orders?\b", m.group(0), re.I)
                if kind == "trigger.purchase_completed" and noun and \
                        _NOT_A_PURCHASE.search(masked[max(0, m.start() - 20):m.start()]):
                    continue  # "asking about their order", "(keyword: order)"
                found.append(Mention(kind, m.start(), m.end()))
    # "Friends who send the postback action=book": the postback is what they send.
    for p in [m for m in found if m.kind == "trigger.postback"]:
        sent = [m for m in found if m.kind == "trigger.message_received" and
                0 <= p.start - m.end <= 12 and re.fullmatch(
                    r"\s*(?:us\s+)?(?:the|a|an|our)?\s*", masked[m.end:p.start], _I)]
        if sent:
            found = [m for m in found if m not in sent]
            p.start = sent[0].start  # the verb is the postback's, not a step
    # Cart abandonment mentions a cart, not a purchase; a "purchase" inside it is not a trigger.
    carts = [m for m in found if m.kind == "trigger.cart_abandoned"]
    found = [m for m in found if not (m.kind == "trigger.purchase_completed" and carts)]
    return _first_per_kind(found)


def _first_per_kind(mentions: list[Mention]) -> list[Mention]:
    out: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        out.setdefault(m.kind, m)
    return sorted(out.values(), key=lambda m: m.start)


_NOT_BEFORE = re.compile(r"\b(?:don't|dont|do not|never|no need to|without|shouldn't|should not|"
                         r"won't|will not|must not|mustn't)\s+(?:\w+\s+)?$", _I)
_NOT_AFTER = re.compile(r"(?:し)?(?:ない|ず|なくて|不要|禁止)")
# Between two message nouns of one message: "message with a link button 'Book now' to https://…"
_SAME_MESSAGE = re.compile(r"[\s,]*(?:(?:a|an|the|our|with|plus|link|buttons?|to|labell?ed|"
                           r"called|saying|that opens|opens?)\b[\s,]*)*", _I)
_BUTTON_WORD = re.compile(r"\bbuttons?\b|ボタン", _I)
_BUTTON_DETAIL = re.compile(r"\s*(?:back\b|(?:a\s+|the\s+)?postback\b|(?:the\s+)?data\b)", _I)


def find_actions(masked: str, taken: list[Mention],
                 named: list[Mention] | None = None) -> list[Mention]:
    """Action mentions not inside trigger mentions; one per place (most specific wins).
    `named`: saved messages and rich menus the goal names, which are actions themselves ("give
    them the Members menu", "new followers get the Welcome coupon")."""
    found: list[Mention] = [m for m in named or [] if not _overlaps(m, taken)]
    order = ("customer_agent", "auto_message", "rich_menu", "tag_remove", "tag_add",
             "request", "question", "hubspot", "klaviyo", "send")
    for kind in order:
        for p in ACTIONS[kind]:
            for m in p.finditer(masked):
                mention = Mention(kind, m.start(), m.end())
                # An action may span a trigger phrase ("give every new subscriber the X tag")
                # but not start inside one ("when a friend sends…").
                if any(t.start <= mention.start < t.end if t.is_trigger else
                       mention.start < t.end and t.start < mention.end for t in taken) or \
                        _overlaps(mention, found):
                    continue
                if kind == "send" and _BUTTON_DETAIL.match(masked, m.end()) and \
                        _BUTTON_WORD.search(masked, max(0, m.start() - 40), m.start()):
                    # "a button 'Join' that sends postback data 'x=1'": the button's detail
                    found.append(Mention("negated", m.start(), m.end()))
                    continue
                if _NOT_BEFORE.search(masked[max(0, m.start() - 30):m.start()]) or \
                        _NOT_AFTER.match(masked, m.end()):
                    # "Don't send them anything", 「送信しない」: not a step. Still claimed, so
                    # a weaker pattern does not read the same words as another step.
                    found.append(Mention("negated", m.start(), m.end()))
                    continue
                found.append(mention)
    found = [m for m in found if m.kind != "negated"]
    for m in found:
        if m.kind == "request" and re.match(r"\s*(?:pick|choose|select|vote|tell us|answer)\b",
                                            masked[m.end:], re.I):
            m.kind = "question"  # "ask them to pick coffee or tea": a question with options
        if m.kind == "request":  # "ask them to leave a review" is a message, not a question
            m.kind = "send"
    return sorted(found, key=lambda m: m.start)


def find_noun_actions(masked: str, taken: list[Mention]) -> list[Mention]:
    """Action nouns outside the trigger phrases, one per place (see NOUN_ACTIONS)."""
    found: list[Mention] = []
    for kind in NOUN_ORDER:
        for p in NOUN_ACTIONS[kind]:
            for m in p.finditer(masked):
                mention = Mention(kind, m.start(), m.end())
                before = [t for t in taken if t.start <= mention.start < t.end < mention.end]
                if before and kind == "tag_add":
                    # 「購入したらリピータータグ」: the tag's name starts where the trigger ends
                    mention = Mention(kind, max(t.end for t in before), m.end())
                if _overlaps(mention, taken) or _overlaps(mention, found):
                    continue
                found.append(mention)
    found.sort(key=lambda m: m.start)
    out: list[Mention] = []
    for m in found:  # a run of quotes is one message
        if out and m.kind == out[-1].kind == "send" and \
                _SAME_MESSAGE.fullmatch(masked[out[-1].end:m.start]):
            out[-1] = Mention("send", out[-1].start, m.end)
            continue
        out.append(m)
    return out


def match_type(text: str) -> str | None:
    for pattern, kind in MATCH_TYPES:
        if pattern.search(text):
            return kind
    return None


def content_kind(text: str) -> str | None:
    for pattern, kind in CONTENT_KINDS:
        if pattern.search(text):
            return kind
    return None
