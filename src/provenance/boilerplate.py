"""Generic line patterns of scraped news pages: what a line is, not what a site says.

Every pattern here is a convention shared by many sites (navigation labels,
share buttons, "Also Read" links, teaser-block headers, bylines, credits,
date lines), never a string of one particular page. `classify` labels a line;
the segmenter decides what the labels mean in context.
"""

from __future__ import annotations

import datetime as dt
import enum
import re

import ahocorasick_rs
from dateutil import parser as date_parser

# The letters outside ASCII that a case-blind expression takes for ASCII ones, where `lower`
# does not make them so: "İ" and "ı" for "i", "ſ" for "s", the Kelvin sign for "k".
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


class _Words:
    """Words in lower case one of which every match of a case-blind regular expression
    holds: a gate before its search, ten times cheaper. All the words are looked for in one
    pass (an Aho-Corasick automaton, in Rust): over a whole page, a loop of `in` over the
    words cost five times as much. Text with a letter such an expression folds to ASCII is
    not ruled out."""

    def __init__(self, *words: str) -> None:
        self.words = words
        self._automaton = ahocorasick_rs.AhoCorasick(list(words))

    def may_be_in(self, text: str) -> bool:
        """Whether `text` (a line, or a whole page) may hold one of the words in any case."""
        if not text.isascii() and _FOLDS_TO_ASCII.search(text):
            return True
        return bool(self._automaton.find_matches_as_indexes(text.lower()))


class Kind(enum.Enum):
    """What one non-blank line of a page is."""

    TEXT = "text"
    BOILERPLATE = "boilerplate"  # navigation, share buttons, "Short Url", "Follow"
    LINK = "link"  # "Also Read : <another story>"
    TEASER = "teaser"  # header of a block of teasers for other stories
    COMMENTS = "comments"  # header of the readers' comments under a story
    BYLINE = "byline"
    SOURCE = "source"
    DATE = "date"
    CAPTION = "caption"  # a photo caption that ends with its credit


# "Share" in Italian, Spanish, Portuguese, French, German and Dutch: alone on its line
# ("Condividi:") or in a share row ("Partager sur Facebook").
_SHARE_VERBS = (
    "condividi",
    "compartir",
    "compartilhe",
    "compartilhar",
    "partager",
    "partagez",
    "teilen",
    "delen",
)
# A label over a caption on the next line: "Image caption," (BBC), "Enlarge this image" (NPR).
CAPTION_LABEL = r"(?:(?:image|media|photo|video) )?caption\s*[,:]?|enlarge this (?:image|photo)"
_NETWORK = r"(?:twitter|x|facebook|instagram|youtube|linkedin|tiktok|threads|bluesky|snapchat)"
# A printed page's link to itself: "URL: https://…".
_PRINTED_URL_LINE = r"url\s*:\s*https?://\S+"
# A time counted back from now: "2 days ago", "an hour ago".
_AGO = r"(?:\d+|an?) (?:sec(?:ond)?|min(?:ute)?|hr|hour|day|week|month)s? ago"
_NAV_PATTERNS = (
    r"skip to (?:the )?(?:main )?(?:content|navigation|search)",
    r"short ?url",
    r"follow(?: us)?",
    r"share(?: this)?(?: (?:article|story|page|post))?",
    "|".join(_SHARE_VERBS),
    r"teilen sie diesen (?:beitrag|artikel)|compartilhe isso|partagez cet article",
    r"advertisement|advertising|advertise(?: with us)?|sponsored(?: content| by)?|ad choices",
    r"(?:advertisement\s*[-–—:]?\s*)?(?:story|article|content) continues(?: below)?"
    r"(?: advertisement| (?:the )?(?:gallery|video|photos?|slideshow|ad))?",
    r"advertisement\s*[-–—:]?\s*(?:continue|scroll) (?:reading|to continue)(?: below)?",
    r"(?:sign up|subscribe) (?:for|to) (?:our|the)(?: [\w'-]+){0,3} newsletters?"
    r"(?: (?:for|to|and) [\w' -]{1,60})?",  # "... newsletter for exclusive updates"
    r"print|e-?mail|comments?|subscribe(?: now)?|newsletters?|rss(?: feeds?)?",
    r"sign (?:in|up)|log ?in|log ?out|menu|search|close",
    r"listen(?: to (?:this )?(?:article|story))?|copy link|link copied",
    r"tweet|whatsapp|facebook|twitter|linkedin|reddit|telegram|pinterest|instagram|youtube",
    r"flipboard|tumblr|sms|pocket|hatena|line|vk|weibo|wechat|kakaotalk",  # a share row's buttons
    # "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "Follow us on X"
    rf"follow [\w.'&-]+(?: [\w.'&-]+){{0,5}} on {_NETWORK}(?:(?:,| and| or),? {_NETWORK})*\.?",
    # an icon's alternative text: "Facebook Icon The letter F.", "Email icon An envelope."
    r"(?:facebook|twitter|email|e-mail|linkedin|whatsapp|pinterest|reddit|link|print|share"
    r"|flipboard|youtube|instagram|close|menu|search) icon(?: [^.]{0,40}\.)?",
    # a newsletter platform's pitch: "Thanks for reading Money Notes! Subscribe for free …"
    r"thanks for reading [^!.?]{1,60}[!.] subscribe for free to receive new posts.*",
    r"just watched|must watch|replay|more videos(?:\s*(?:\.\.\.|…))?",  # a video player's labels
    r"(?:next|previous) slide|(?:exit )?full ?screen",  # a slideshow's
    # a newsletter's footer: "Unsubscribe | Update preferences | Forward to a friend"
    # a press release's link to its wire: "View original content to download multimedia: …"
    r"view original content(?: to download multimedia)?\s*:.*",
    r"unsubscribe|(?:update|manage) (?:your )?preferences"
    r"|forward (?:this )?to a (?:friend|colleague|co-?worker)"
    r"|view (?:this (?:e-?mail|newsletter) )?in (?:your |a )?browser",
    r"back to top|next|previous|load more|show more|toggle (?:navigation|more options)",
    # public media's sponsor line, a science portal's label over its links, a gallery's button
    r"support (?:for [\w.' -]{1,40} )?provided by\s*:?(?:\s*learn more)?|explore further",
    r"photo gallery \(click to enlarge\)",
    r"don'?t miss out on the latest news(?: and information)?\.?",
    # a page's furniture around the story: an audio player's sponsor, a widget's label, a link
    # to the rest of the story elsewhere, a ticker box's heading
    r"sponsor message|promoted|click to copy|in this article\s*:.*|disclaimer",
    r"continue reading (?:on|at) [\w.' -]{1,40}|continue reading your article with\b.*",
    # a link to the rest of the story elsewhere: "Read more at TechCrunch »", "Visit website »"
    r"read more (?:at|on) [\w.' -]{1,40}(?:\s*[»>:].*)?|visit (?:the )?web ?site\s*[»>]?",
    # a player's, a paywall's, an app's buttons: "Gift this article", "Read in app", "Save"
    r"gift (?:this )?article|read in (?:the )?app|save|view comments|learn more|blogthis!?",
    r"loading(?:\.\.\.|…)?(?: error loading)?|all sharing options for\s*:.*",
    # an icon's drawing, as a dump prints its layers' names: "Created with Sketch.", "Fill 2
    # Copy 11"
    r"created with sketch\.?|fill(?: \d+)?(?: copy(?: \d+)?)?"
    r"|(?:group|path|rectangle|oval|shape|layer)(?: \d+)? copy(?: \d+)?",
    r"share or comment on this article\s*:?",
    # a WordPress blog's comment form: "You are commenting using your Google account. ( Log
    # Out / Change )", "Notify me of new comments via email.", "Connecting to %s"
    r"you are commenting using your [\w.]+ account\..{0,40}"
    r"|notify me of (?:new )?(?:follow-up )?(?:comments|posts) (?:via|by) e-?mail\.?"
    r"|connecting to %s",
    # notes and pitches under a story: "Published in Dawn, November 20th, 2019", "Comments
    # are closed on this story.", "Report an error", "Want to discuss? Please read our
    # Commenting Policy first.", "Read or Share this story: https://…", "Read this story in
    # Bengali", "Like Business on Facebook, follow @TribuneBiz on Twitter …"
    r"published in (?:the )?[\w'&. -]{1,40}, [\w ,.]{1,30}\d{4}\.?",
    r"comments (?:are|have been) (?:closed|moderated|disabled|turned off)\b.*",
    r"report (?:an? )?(?:error|typo|correction|mistake)|want to (?:discuss|read more)\?.*",
    r"read or share this story\s*:.*|read (?:this|the) (?:story|article) in [\w-]+",
    rf"like [\w'&. -]{{1,40}} on {_NETWORK},? follow @\w+ on {_NETWORK}\b.*",
    # a blog's footers: "Email This", "Older Posts", "Subscribe to: Posts (Atom)", "Simple
    # theme. Powered by Blogger.", "Blog Archive", "About Me"
    r"e-?mail this|(?:older|newer) posts?|subscribe to\s*:\s*posts(?: \(atom\))?",
    r"(?:simple theme\. )?powered by [\w.]+\.?|blog archive|about me",
    # a video's labels: "Click to play video: '…'", "WATCH ABOVE: …", and in Portuguese
    r"click to play video\s*:.*|watch above\s*:.*",
    # WordPress's share buttons: "Click to share on Facebook (Opens in new window)"
    r"click to (?:share on [\w+ ]{1,20}|e-?mail (?:this|a link) to a friend|print)"
    r"(?: \(opens in new window\))?",
    r"assista ao v[íi]deo\s*:?.*|v[íi]deo do youtube|inscreva-se no canal\b.*",
    # a pitch to follow the site on a chat app or by e-mail, in Portuguese: "Receba as
    # notícias do OCP no seu WhatsApp", "Clique aqui e participe do grupo"
    r"receba (?:as |nossas |em seu )[^.]{0,80}(?:whatsapp|telegram|e-?mail|newsletter)\b.*",
    r"clique (?:aqui|para compartilhar)\b.*",
    # a post's and a page's furniture: "(END)", hashtags, "Posted in Sport | Tagged … | Leave
    # a comment", "Kindly share this story:", "Bookmark", "Copy URL", "Leave your feedback",
    # "Contact: theeditor@…", "[Close]", "Load earlier posts"
    r"\(end\)|#[^\W\d_][\w-]*(?: [\w-]+){0,4}|posted in [\w &,'-]{1,60}\s*\|.*",
    # an agency's editor tag, a page's links to itself and its type size, a print edition's
    # note, a wire's helpers, a TV site's player: "[Editor: huaxia]", "Permalink https://…",
    # "Text size Aa Aa", "Appeared in the November 21, 2019, print edition as '…'.", "— With
    # assistance by Deena Shah", "Watch Live News:", "LIVE TV"
    r"\[editor\s*:\s*[\w .-]{1,40}\]|permalink\s*:?\s*\S*|text size\b.*",
    r"appeared in the [\w ,]{1,40} print edition\b.*|[—–-]+\s*with assistance (?:by|from) .*",
    r"watch (?:live(?: news| tv)?|now)\s*:?|live tv",
    # a post's labels without a colon, as a list: "Keywords Afghanistan, Taliban, Logar"
    r"(?:related subjects|keywords)\s+[^.!?]*,[^.!?]*",
    # an e-mail's header as a mail client prints it: "From: Byte Sized <hello@…>", "To: …"
    r"(?:from|to|cc|bcc|reply-to)\s*:\s*[^@\s]*(?:\s[^@\s]+)*\s*<?[\w.+-]+@[\w.-]+>?",
    r"(?:kindly |please )?share this (?:story|article|post)\s*:?|bookmark|copy (?:url|link)",
    r"leave (?:your|a) feedback|contact\s*:\s*\S+@\S+|\[(?:close|print|back)\]",
    r"load (?:more|earlier|older|newer) (?:posts|stories|entries|updates)",
    # a post's bare "Tags" or "Keywords" over its labels
    r"tags|keywords",
    r"this (?:article|story) (?:is )?tagged (?:under|with)\s*:?",
    # a banner over an old story: "This article is more than 4 years old."
    r"this (?:article|story|page) is more than (?:\d+|a|an|one|two|three|four|five|six|seven"
    r"|eight|nine|ten) (?:years?|months?) old\.?",
    # a blog's likes widget ("Like this:", "Like Loading...") in five languages
    r"(?:like|mi piace|me gusta|j'aime|gefällt mir|curtir)(?: this| isso)?:?"
    r"(?: (?:loading|caricamento|cargando|chargement|wird geladen|carregando)(?:\.\.\.|…)?)?",
    # a pitch for tips or a newsletter: "Have a confidential tip for our reporters? Get in
    # touch", "Get the Daily Briefing newsletter in your inbox."
    r"(?:got|have) a (?:news |story |confidential )?tip\b.*",
    r"get the [\w'&. -]{1,40} newsletter\b.*",
    # a site's own notes: "Our Standards: The Thomson Reuters Trust Principles.", "Community
    # Rules apply to all content you upload or otherwise submit to this site."
    r"our standards\s*:.*|community (?:rules|guidelines) apply to all content you upload\b.*",
    r"download (?:the |our )?[\w'&. -]{1,40} app\b.*",  # "Download The Times of India News App …"
    # a newsletter box: "Sign up for FREE now and never miss the top politics stories",
    # "Invalid email" (and its notice: `_REPUBLISHED`)
    r"sign up for free(?: now)? and never miss\b.*|invalid e-?mail(?: address)?",
    r"\d+ min(?:ute)?s? read|read more|continue reading(?: the (?:main|full) (?:story|article))?",
    r"click here(?: (?:to|for) [\w' -]{1,60})?",  # "CLICK HERE FOR THE FOX NEWS APP"
    r"cookies?|accept(?: all)? cookies?|cookie (?:policy|settings|preferences)",
    r"privacy(?: policy| notice| settings)?|terms (?:of (?:use|service)|and conditions)",
    r"contact(?: us)?|about us|about the authors?|careers|site ?map|customer service|help center",
    r"your california privacy rights|do not sell my (?:personal )?info(?:rmation)?",
    r"all rights reserved|(?:copyright\s*)?(?:©|\(c\))\s*.{0,60}|copyright\s+\d{4}.{0,60}",
    r"(?:new,\s*)?\d+ (?:comments?|shares?|views?|likes?|restacks?|reposts?)|\d+ ?[hmd] ago",
    # a count of comments in Portuguese, Spanish, French, German, Italian and Russian
    r"\d+ (?:comentários?|comentarios?|commentaires?|kommentare?|commenti|комментари[йея]в?)",
    # a profile's counts: "2.1K Followers", "299 Followers Follow", "151 Subscribers Subscribe"
    r"[\d.,]+\s?[km]?\s+(?:followers?|subscribers?|fans)(?:\s+(?:follow|subscribe|like))?",
    # a gallery's counter: "Image 1 of 5", "1 of 3", "Slide 1 of 12: Feathers"
    r"(?:(?:image|photo|picture|slide)\s+)?\d{1,3}\s+of\s+\d{1,3}(?:\s*:[^.©]{0,40})?",
    r"\d{1,3} ?/ ?\d{1,3}",  # a gallery's counter: "3 / 6"
    # a post's labels: "Filed Under: Recipes Tagged With: canning, gifts", "Topics: News"
    r"(?:filed (?:under|to)\s*:?|(?:tagged(?: with)?|tags|topics|categories|labels|schlagwörter"
    r"|stichwörter|etiquetas|tag)\s*:).*",
    r"was this (?:article|story|page|post|information) (?:helpful|useful)\??(?:\s*yes\s*no)?",
    r"reuse this content(?: \(opens in (?:a )?new window\))?",
    # a pitch to subscribe or to read on: "Subscribe to The Times", "Like this article?"
    # (with a capital: "... the right to\nsubscribe to ordinary shares." is a wrapped sentence)
    r"(?-i:S)ubscribe(?: now)? to (?:the |our )?[\w'&-]+(?: [\w'&-]+){0,3}",
    r"get the latest(?: [\w-]+){0,3}(?: delivered)? (?:to|in) your inbox\.?",
    # "Get breaking news alerts and special reports. The news and stories that matter, …"
    r"(?:get|sign up for|receive) (?:our )?breaking news (?:alerts|e-?mails|updates)\b.*",
    r"like this (?:article|story|post)\?",
    r"paid post",
    # a read time: "Reading time: 3 minutes", "Time to read 1 min.", and in German,
    # Portuguese, Spanish, French, Italian and Dutch
    r"(?:(?:estimated )?reading time|read time|time to read)\s*:?\s*(?:about )?\d+\s*"
    r"(?:min(?:ute)?s?|m)\.?",
    r"(?:lesezeit|lesedauer|tempo de leitura|tiempo de lectura|temps de lecture|tempo di lettura"
    r"|leestijd)\s*:?\s*\d+\s*\w+",
    rf"printed(?: on)?\s*:.*|{_PRINTED_URL_LINE}",  # a printed page's footer
    # a paywall's notices: "You have 0 free articles remaining.", "Already a subscriber? Log in."
    r"you have (?:\d+|one|no) free (?:articles?|stories) (?:remaining|left)(?: this month)?\.?"
    r"(?: .*)?",
    r"already a (?:subscriber|member)\?(?:\s*(?:log|sign) in\.?)?",
    r"image (?:copyright|caption|source)\b.*",  # a photo's credit and caption, labelled
    # a caption's label or button alone: "Media caption,", "Enlarge this image", "Show caption"
    rf"{CAPTION_LABEL}|(?:show|hide|toggle) caption|enlarge\s*/.*",  # "Enlarge / A plume …"
    # a widget to size the text: "A+ A A-", "Font size A A A"
    r"(?:(?:text|font) size\s*:?\s*)?a[+−-]?(?:\s+a[+−-]?){1,3}",
    # a newsletter box's field and thanks: "Email Address", "Enter your email address",
    # "Thank you. Please check your inbox to confirm."
    r"(?:enter )?(?:your )?e-?mail(?: address)?\s*[:*]*",
    r"thank you[.!]?\s*(?:please )?check your (?:inbox|e-?mail)\b.*",
    rf"(?:(?:published|updated|posted)\s*:?\s*)?{_AGO}",
    # a live blog's time over an entry: "6.47am GMT", "10:02 ET" (a bare "1:41" may be a
    # table's figure)
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*(?:[a-z]{2,4})?|gmt|bst|utc|cest|cet|e[sd]?t|p[sd]?t"
    r"|c[sd]t|m[sd]t|hkt|sgt|jst|kst|ist|aest|aedt|pht|msk|sast)",  # "16:12 HKT"
    # "Updated 10:41PM", "Today 12:01 AM": a time without its date dates nothing
    r"(?:today|yesterday)(?: at)?,?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s*[a-z]{2,4})?",
    r"(?:last )?(?:published|updated|posted)(?: at)?\s*:?\s*\d{1,2}[:.]\d{2}"
    r"\s*(?:[ap]\.?\s?m\.?)?(?:\s*[a-z]{2,4})?",
)
_NAV_WORDS = "|".join(_NAV_PATTERNS)
# A menu's labels in Portuguese, Spanish, French, German, Italian, Dutch and Russian, as a
# whole line: "Pular para o conteúdo", "Startseite", "Rechercher", "Войти". Looked up whole,
# in lower case and without a colon, rather than gated by their first letters as
# `_NAV_PATTERNS` are: those letters open too many English lines ("buscar", "such").
_NAV_LABELS = frozenset(
    {
        *("pular para o conteúdo", "ir para o conteúdo", "início", "buscar", "pesquisar"),
        *("entrar", "sobre", "sobre nós", "contato", "fale conosco", "assine"),
        *("saltar al contenido", "ir al contenido", "inicio", "iniciar sesión", "acceder"),
        *("contacto", "sobre nosotros", "menú", "suscríbete"),
        *("aller au contenu", "accueil", "rechercher", "se connecter", "connexion", "à propos"),
        *("s'abonner", "abonnez-vous"),
        *("zum inhalt springen", "startseite", "suche", "suchen", "anmelden", "kontakt"),
        *("impressum", "datenschutz", "über uns", "menü", "abonnieren"),
        *("vai al contenuto", "salta al contenuto", "cerca", "accedi", "contatti", "chi siamo"),
        *("iscriviti", "naar de inhoud springen", "zoeken", "inloggen", "over ons"),
        *("перейти к содержанию", "главная", "поиск", "войти", "поделиться", "меню"),
        *("контакты", "о нас", "подписаться"),
    }
)
_NAV_LABEL_CHARS = max(map(len, _NAV_LABELS)) + 2  # and a colon, a space
# Words of a share row ("Facebook Twitter Email", "Share via Email", "858 shares").
_SHARE_WORDS = frozenset(
    {
        "share",
        "shares",
        "sharing",
        "tweet",
        "email",
        "e-mail",
        "mail",
        "print",
        "facebook",
        "twitter",
        "whatsapp",
        "linkedin",
        "reddit",
        "pinterest",
        "pint",
        "telegram",
        "flipboard",
        "google",
        "google+",
        "instagram",
        "youtube",
        "messenger",
        "sms",
        "copy",
        "link",
        "comment",
        "comments",
        "save",
        "via",
        "permalink",
        "tumblr",
        "pocket",
        "close",
        "menu",
        "search",
        "x",
        "subscribe",
        "follow",
        "on",  # "Share on Facebook", "Follow us on X"
        "us",
        *_SHARE_VERBS,
    }
)
# Words a share row may hold between its share words ("Share this with Facebook", "Share to
# Twitter", "Partager sur Facebook"), never first.
_SHARE_FILLERS = frozenset({"this", "with", "to", "su", "en", "em", "sur", "auf", "op"})
_TOKEN = re.compile(r"[\w+-]+")
_BOILERPLATE = re.compile(rf"^(?:{_NAV_WORDS})[\s:!]*$", re.IGNORECASE)
_PRINTED_URL = re.compile(_PRINTED_URL_LINE, re.IGNORECASE)  # one longer than a short line


def _is_label_row(line: str) -> bool:
    """A row of a footer's links set off by bars, each one a label of `_BOILERPLATE`:
    "Privacy Policy | Terms of Use", "Unsubscribe | Update preferences | Forward to a friend"."""
    parts = line.split("|")
    return len(parts) >= 2 and all(_BOILERPLATE.match(part.strip()) for part in parts)


_DOTTED_PARTS, _DOTTED_WORDS, _DOTTED_CHARS = 3, 6, 48  # a dotted row's parts, each this short


def _is_dotted_row(line: str) -> bool:
    """A row of short parts set off by middle dots, as a footer, a menu or a listing's card
    prints them: "Port Vila Dispatch · Lini Highway, Port Vila · Tankyu tumas", "Grains ·
    Livestock · Inputs · Freight", "4 bd · 2.5 ba · 2,100 sqft". A sentence does not list
    three things so; a date line that divides its parts so is read before."""
    parts = line.split(" · ")
    return len(parts) >= _DOTTED_PARTS and all(
        len(part) <= _DOTTED_CHARS and len(part.split()) <= _DOTTED_WORDS for part in parts
    )


# A site's postal address and telephone, as its footer prints them: "2980 N. National Road,
# Suite A, Columbus, IN 47201", "Honolulu, HI 96817", "Main Switchboard: (812) 372-7811",
# "Morning Brew, 22 W 19th St, New York, NY 10011". A line of its own, labelled at most: an
# address inside a sentence is the story's.
# a label or the site's name in capitals: "Phone:", "Contact us", "Morning Brew,"
_CONTACT_LABEL = r"(?:[A-Z][\w'&-]*(?:\s+(?:[A-Z][\w'&-]*|us|of)){0,3}[:,]?\s+)?"
_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Plaza|Square"
    r"|Court|Parkway|Pkwy|Highway|Hwy|Center|Centre|Circle|Terrace)"
)
_COMPASS = r"(?:[NSEW]{1,2}|North|South|East|West)\.?"
_CITY = r"[A-Z][A-Za-z.' -]{0,30}"
_STATE = rf"{_CITY},\s*[A-Z]{{2}}\.?"  # "Spokane, WA"
_ZIP = r"\s+\d{5}(?:-\d{4})?"
_CONTACT = re.compile(
    rf"{_CONTACT_LABEL}(?:"
    rf"\d{{1,6}}[A-Z]?(?:\s+{_COMPASS})?(?:\s+[A-Z0-9][\w.'-]*){{0,4}}\s+{_STREET}\.?"
    rf"(?:\s+{_COMPASS})?(?:,?\s*(?:Suite|Ste\.?|Floor|Unit|#)\s*[\w-]+)?"
    rf"(?:,?\s+{_STATE}(?:{_ZIP})?|(?:,\s*{_CITY})*)"
    rf"|{_STATE}{_ZIP}"  # a city, its state and its ZIP code, the code required
    r"|(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4})"
)
_CONTACT_CHARS = 100


def _is_contact(line: str) -> bool:
    """`_CONTACT`; `_classify` asks it only of a line that opens or ends with a figure, as a
    street address, a ZIP code and a telephone number do (most lines do neither)."""
    return len(line) <= _CONTACT_CHARS and bool(_CONTACT.fullmatch(line))


# A breadcrumb: "Home", "Home Blog", "Home > World > Asia", "Home | News".
_BREADCRUMB = re.compile(r"^home(?:\s+[\w&'-]+|(?:\s*[|›>»/•·]\s*[\w&' -]+)+)?\s*$", re.IGNORECASE)
# A trail of sections from any start, the parts set off by spaced "›", ">" or "»": "Blog >
# Nutrition > Meal Plans", "News » World" ("Corp> of Japan", a wire's ticker, has no space).
_CRUMB = r"[^\W\d_a-z][\w&'’.-]*(?: [\w&'’.-]+){0,3}"  # a label: a capital first
_TRAIL = re.compile(rf"{_CRUMB}(?:\s+[›>»]\s+{_CRUMB})+")
_LINK = re.compile(
    r"^(?:also read|read also|also watch|read more|see also|related|recommended|must read|"
    r"don'?t miss|"
    r"(?:now )?watch|listen|more|read next|read|see more|"
    # and in German, Portuguese, Spanish, French, Italian, Dutch and Russian
    r"lesen sie auch|leia (?:também|mais)|lea también|lee también|(?:à )?lire aussi|"
    r"leggi anche|lees ook|читайте также|смотрите также)\s*[:|\-–—»>]+\s*\S.*$",
    re.IGNORECASE,
)
_TEASER = re.compile(
    r"^(?:popular (?:posts|stories|articles)(?: from this (?:blog|site))?|"
    r"related(?: (?:posts|articles|stories|news|content|coverage|links|topics))?|"
    r"you (?:may|might) also (?:like|enjoy|be interested in)|"
    r"more (?:stories|news|articles|from [\w .'-]+)|"
    r"recommended(?: for you| stories| articles| reading)?|trending(?: now| stories)?|"
    r"trending in [\w &'-]{1,30}|more in [\w &'-]{1,30}|"  # "Trending in Health"
    # a press release's contact block: "Media Contact:" over a name, a telephone, an e-mail
    r"(?:media|press|investor|news) contacts?|"
    # a widget of paid links under the story: "Paid Partner Content", "Around the Web"
    r"paid(?: partner)? content|partner content|sponsored stories|"
    r"around the web|you may like|"
    # "Most viewed in Football", "Most Read Business"
    r"most (?:read|popular|viewed|shared)(?:(?: in)? [\w&'-]+(?: [\w&'-]+)?)?|"
    r"(?:our )?latest (?:news|stories|posts|articles)|explore more on these topics|"
    # "More Politics News"
    r"more (?:local|national|world|u\.?s\.?|politics|business|sports?|entertainment|health"
    r"|science|tech(?:nology)?|crime|education|weather|opinion|election|state|top) news|"
    r"read (?:this )?next|next story|key points|what you should know|key events|"
    # a link to the story before or after it, where the page's own lines end: "<< Previous:
    # Zambian copper output slips in February", "Next story: Dynamos beat CAPS United 2-1 >",
    # "Previous Post: Free scooter and motorcycle training", "« Older post"
    r"[<«‹]{1,2}\s*(?:previous|prev|older|newer)\b.*|(?:next|newer|older)\b.*[>»›]{1,2}|"
    r"(?:previous|prev|next)(?: (?:story|article|post|entry))?\s*:\s*\S.*|"
    r"(?:story )?highlights|trending tickers|"
    r"(?:recommended|popular) on [\w .'&-]{1,40}|mehr nachrichten zu[mr]? [\w -]{1,40}|"
    r"what to read next|editor'?s picks|top stories|don'?t miss|in case you missed it|"
    r"more on this (?:story|topic)|other news|more stories like this(?: one)?|"
    r"recent(?: posts| articles| stories| content| news)?|popular(?: now| today)?|latest|"
    # and in Italian, Spanish, Portuguese, German, French and Dutch: "Articoli correlati",
    # "Artículos relacionados", "Das könnte Sie auch interessieren", "Articles similaires"
    r"(?:articoli|post) correlati|notizie correlate|(?:ti )?potrebbe interessarti(?: anche)?|"
    r"(?:artículos|entradas|noticias) relacionad[ao]s|(?:también )?te puede interesar|"
    r"(?:artigos|posts|notícias) relacionad[ao]s|relacionad[ao]s?|você (?:também )?pode gostar|"
    r"ähnliche (?:artikel|beiträge)|das könnte sie auch interessieren|weitere artikel|"
    r"mehr zum thema|"
    r"articles (?:similaires|liés)|vous aimerez aussi|sur le même sujet|"
    r"gerelateerde artikelen|meest gelezen|"
    # "Read also" alone over its links, as a header: "Leia também", "Leggi anche"
    r"also read|read also|see also|leia também|leggi anche|lee también|lire aussi|"
    r"à lire aussi|lees ook|lesen sie auch)\s*(?::|\.\.\.|…)?\s*$",  # "Related..."
    re.IGNORECASE,
)
# The header of a listing of readers' comments: "Top Rated Comments", "Readers' comments".
# A bare "Comments", "12 Comments" or "Leave a comment" is as often a link under the headline.
_COMMENTS = re.compile(
    r"^(?:(?:top[ -]rated|most (?:liked|popular|recent)|latest|newest|oldest|best|featured|"
    r"reader|readers'?|user|visitor) comments\s*:?"
    # a blog's count over its thread: "34 responses to “Title”", "One thought on “Title”"
    r"|(?:\d+|one|no) (?:responses?|thoughts?|comments?|replies|reactions?) (?:to|on) [\"“'‘].*"
    # a blog's comment form: "Leave a Reply Cancel reply", "Your email address will not be
    # published. Required fields are marked *" (a bare "Leave a Reply" may be a link)
    r"|leave a (?:reply|comment) cancel reply|your email address will not be published\..*"
    # a prompt over the thread: "Sign in or create your Guardian account to join the
    # discussion.", "Discussion about this post"
    r"|(?:sign in|log in|register)(?: or (?:create|register)[\w' ]{0,40})? to join the "
    r"(?:discussion|conversation)\.?|discussion about this (?:post|article|story)"
    r"|join the discussion(?:\.\.\.|…)?|sort by (?:best|newest|oldest|top)"
    # ... as WordPress prints it in Italian, German, French, Spanish, Portuguese and Dutch
    r"|lascia un commento annulla risposta|il tuo indirizzo (?:e-?mail )?non sarà pubblicato\..*"
    r"|schreibe einen kommentar antworten abbrechen"
    r"|(?:deine|ihre) e-?mail-adresse wird nicht veröffentlicht\..*"
    r"|laisser un commentaire annuler la réponse"
    r"|votre adresse (?:e-?mail|de messagerie) ne sera pas publiée\..*"
    r"|deja una respuesta cancelar la respuesta"
    r"|tu dirección de correo electrónico no será publicada\..*"
    r"|deixe (?:um comentário|uma resposta) cancelar resposta"
    r"|(?:o )?(?:seu )?endereço de e-?mail não será publicado\..*"
    r"|geef een reactie reactie annuleren|je e-?mailadres wordt niet gepubliceerd\..*)"
    r"\s*$",
    re.IGNORECASE,
)
# "By Jane Doe", "BY JANE DOE", "By the Newsroom team", "By John F. Kennedy Jr.": "By", then
# a capitalised name (a full stop only after an initial or in "Jr.", "Sr.", "St."; written
# without look-behinds, which a property test's generator of matching lines handles badly).
_BY = (  # "By" and a colon too: "By: Jane Doe", "by: TOM KRISHER, Associated Press"
    r"(?:(?:(?:Written|Reported|Posted|Published|Story|Words|Analysis|Commentary|WRITTEN|REPORTED"
    r"|POSTED|PUBLISHED|STORY|WORDS|ANALYSIS|COMMENTARY) (?:by|BY)|By|BY)(?::|\s+[—–])?|by:)"
)
# Who checked a story, as health sites and fact-checkers credit it: dated, the story's date
# ("Medically reviewed by Jane Doe, MD on November 14, 2019"); undated, no byline of the
# story's (every teaser of a health site's list of articles carries one).
_CHECKED_BY = r"(?:Medically reviewed|Reviewed|Fact[- ]checked|Edited) by:?"
_NAME = (
    r"(?:(?:the|a|an)\s+)?[^\W\d_a-z]\.?"
    r"(?:[^.!?]|\s[A-Z]\.|\s(?:Jr|Sr|St|JR|SR|ST)\.){0,80}"
)
_BYLINE = re.compile(rf"^{_BY}\s+(?P<who>{_NAME})$")
_SOURCE = re.compile(
    r"^(?:(?:[Ss]ources?|SOURCES?|[Vv]ia|VIA|[Cc]ourtesy|COURTESY)\s*:\s*(?P<who>.{1,100})"
    # a press release's "SOURCE Ascom" (a name in capitals is a wire's headline: "SOURCE VENTURE
    # CAPITAL INC YEAR"); case by case, not with scoped flags, which the property tests'
    # generator of matching lines handles badly
    r"|SOURCE\s+(?P<company>[A-Z][^a-z]{0,40}[a-z].{0,100}))$"
)
# Agencies that sell photos, not news: named alone after a sentence, they credit a caption
# ("… in New Delhi. Getty Images"; "… said. Reuters" may be a wire's paragraph).
_PHOTO_AGENCIES = (
    *("getty images", "shutterstock", "istockphoto", "alamy", "alamy stock photo"),
    *("nurphoto", "zuma press", "science photo library"),
)
# A caption's credit in parentheses: "(Photo: Jane Doe)", "(AP Photo/Jane Doe)", and a name
# before the agency, "(Manu Fernandez/AP)": news agencies, and the photo agencies above.
_AGENCIES = "|".join(
    (
        r"afp|ap|associated press|reuters|getty|epa|anadolu|xinhua|bloomberg|sipa|zuma|dpa"
        r"|kyodo|pa (?:images|wire|media)|yonhap|pti|ians|bernama|antara|efe|ansa",
        *_PHOTO_AGENCIES,
    )
)
_PHOTO_CREDIT = re.compile(rf"[.!?\"”]\s+(?:{'|'.join(_PHOTO_AGENCIES)})$", re.IGNORECASE)
_PHOTO_CREDIT_TAIL = max(map(len, _PHOTO_AGENCIES))
_CREDIT_LABEL = (
    r"photo|image|picture|pic|file|screen ?grab|screenshot|video|credit|courtesy|source"
    r"|representational"  # "(Representational)", "(Representational Image)"
)


def _bracketed_credit(left: str, right: str, first: str) -> str:
    """A credit between brackets: one of `first` opens it, or a name before the agency."""
    outside = re.escape(left + right)  # what a credit holds none of
    return (
        rf"{re.escape(left)}(?:(?:{first})\b[^{outside}]*"
        rf"|[^{outside}/]{{1,60}}/\s*(?:{_AGENCIES})(?: photo)?){re.escape(right)}"
    )


# ... and in square brackets, with a label or a name: "[File: John Raoux/AP Photo]",
# "[Loren Elliott/Reuters]" (an agency alone there names a link's source: "… It's
# Complicated [Bloomberg]")
_CREDIT = re.compile(
    # a short caption that ends in its agency alone, no sentence before it: "Trade Minister
    # Rha Woong-bae (Yonhap)" (a paragraph's "… the ministry said. (AFP)" is a wire's credit)
    rf"^[^.!?]{{1,100}}\s\((?:{_AGENCIES})\)$|"
    # an agency's or a paper's photo, its name first: "(AA Photo)", "(DHA Photo)"
    r"\((?-i:[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,2}) (?:file )?photos?\)\s*$|"
    rf"(?:{_bracketed_credit('(', ')', f'{_CREDIT_LABEL}|{_AGENCIES}')}"
    rf"|{_bracketed_credit('[', ']', _CREDIT_LABEL)})\s*$",
    re.IGNORECASE,
)
# A caption's credit without parentheses: "... on Tuesday. Photograph: Thomas Peter/Reuters",
# "... last week. Credit... Anna Moneymaker/The New York Times",
# "A wild rabbit. Getty Images/iStockphoto", "Alex Wong | Getty Images", "Leonhard Foeger /
# Reuters file": a label and a name, or a name and an agency. A name's words are capitalised
# but for its particles ("Janus van den Eijnden").
_CAPTIONED = r"(?:[A-Z][\w.'’-]*|van|von|de|den|der|da|di|du|del|la|le|bin|al)"
_BARE_CREDIT = re.compile(
    rf"(?:\b(?i:photographer|photograph|photo|image|picture|credit|bildquelle|foto|фото)s?"
    rf"\s*(?::|\.\.\.|…)\s*{_CAPTIONED}"
    rf"(?:(?:[ /]|, ){_CAPTIONED})*(?i: (?:file )?photo)?"  # "Marco Ruiz, Staff Photographer"
    rf"|\b{_CAPTIONED}(?:\s?/\s?| \| )(?i:{_AGENCIES})(?i: (?:file )?photo| file)?"
    rf"(?i: via (?:{_AGENCIES}))?"  # "Matthew Staver/Bloomberg via Getty Images"
    # after the caption's sentence: "... in Islamabad. — Reuters/File", "... at KeyBank
    # Center. (Harry Scull Jr./Buffalo News)"
    rf"|[.!?\"”]\s+(?:[—–/]\s*(?i:{_AGENCIES})(?i:/(?:file|photo)| photo)?"
    rf"|\((?:{_CAPTIONED}\s?){{1,4}}/\s?(?:{_CAPTIONED}\s?){{1,4}}\))"
    # after a dash, an agency's file photo or a copyright: "… released in 2017 - AFP/File",
    # "… in London, May 2019 - Copyright REUTERS/Henry Nicholls"
    rf"|\s[-–—]\s*(?:[\w ]{{2,30}}/(?i:files?|photo)|(?i:copyright)\s.{{2,60}}))\s*$"
)
# After the caption's sentence, the photographer's name and the agency in capitals: "... on
# the outskirts of La Paz. AIZAR RALDES AFP".
_CAPITALS_CREDIT = re.compile(
    rf"[.!?\"”]\s+[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){{0,3}} (?:{_AGENCIES.upper()})$"
)
# A caption's button after its credit, as NPR prints it: "Jane Doe/AP hide caption".
_CAPTION_BUTTONS = (" hide caption", " toggle caption")
_CREDITED_BUTTON_CHARS = 80
CAPTION_CHARS = 300  # a caption is a sentence or two: a longer line ending so joins paragraphs
# A caption whose credit closes it in brackets may run longer (a photo essay's, a gallery's),
# but not to a paragraph's length: a text dump that ran a paragraph into the caption under
# it ("… well as they should.A CT of his chest … (Photo: Getty Images)") holds both.
_CREDITED_CHARS = 600
# Chinese and Japanese "2025年3月4日", Korean "2025년 3월 4일": year, month, day.
_CJK_DATE = r"\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]"
_CJK_DATE_PARTS = re.compile(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D+")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# The months of German, French, Spanish, Italian, Portuguese, Dutch and Russian dates, which
# print the day first ("29. August 2018", "5 de outubro de 2018", "19 ноября 2019").
_MONTHS = {
    1: "january januar jänner janvier enero gennaio janeiro januari января",
    2: "february februar février febrero febbraio fevereiro februari февраля",
    3: "march märz mars marzo março maart марта",
    4: "april avril abril aprile апреля",
    5: "may mai mayo maggio maio mei мая",
    6: "june juni juin junio giugno junho июня",
    7: "july juli juillet julio luglio julho июля",
    8: "august août agosto augustus августа",
    9: "september septembre septiembre setiembre settembre setembro сентября",
    10: "october oktober octobre octubre ottobre outubro октября",
    11: "november novembre noviembre novembro ноября",
    12: "december dezember décembre diciembre dicembre dezembro декабря",
}
_MONTH_NUMBERS = {name: month for month, names in _MONTHS.items() for name in names.split()}
_MONTH_NAME = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_ENGLISH_MONTHS = {name: _MONTHS[month].split()[0] for name, month in _MONTH_NUMBERS.items()}
_DAY_MONTH = (
    rf"\d{{1,2}}(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?(?:{_MONTH_NAME}|{_MONTH}),?\s+(?:de\s+)?"
)
_DATE_BODY = (
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"  # "Tue., Nov. 19, 2019"
    # a mail archive's "Mon Mar 2 17:03:11 EST 1987": the time between the day and the year
    rf"(?:{_MONTH}\s+\d{{1,2}}\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s+[A-Z]{{2,5}})?\s+\d{{4}}|"
    rf"{_DAY_MONTH}\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}[/.]\d{{1,2}}[/.]\d{{1,2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}|"
    # "18-NOV-2019", and an archive's "11-Mar-87"
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2}}(?!\d)|\d{{1,2}}-{_MONTH}-(?:\d{{4}}|\d\d(?!\d))|{_CJK_DATE})"
)
# "10:32 am", "10h32", "10:32 Uhr", and a clock of four figures before its zone, with the
# time elsewhere in brackets: "0159 GMT (0959 HKT)"
_TIME = (
    r"(?:\d{1,2}[:.h]\d{2}(?::\d{2})?|\d{4}(?=\s*(?-i:[A-Z]{2,4})\b))(?:\s*[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?[A-Z]{2,5}\)?)?(?:\s*[+-]\d{1,2}(?::?\d\d)?)?"  # "18:00:00 +0000", "GMT+4"
    r"(?:\s*\(\d{1,2}[:.h]?\d{2}\s*[A-Z]{2,5}\))?"
)
_ZONE = (
    r"(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|AEST|AEDT|ET|PT"
    r"|\w+ (?:standard|daylight) time)"
)
# A date's label: "Updated", "Last updated on:", "Filed on".
_LABEL = (
    r"(?:(?:(?:last|first)\s+)?"
    r"(?:updated|published|posted|modified|created|filed|date|dated|issued|news release)"
    r"(?:\s+on)?"
    # and in German, French, Spanish, Portuguese, Italian and Dutch: "Veröffentlicht am",
    # "Publié le", "Publicado em", "Pubblicato il", "Gepubliceerd op"
    r"|(?:veröffentlicht|aktualisiert|publiziert|erstellt)(?:\s+am)?"
    r"|(?:publié|mis à jour|modifié)(?:\s+le)?"
    r"|(?:publicado|actualizado|atualizado)(?:\s+(?:em|el|en|a|o))?"
    r"|(?:pubblicato|aggiornato)(?:\s+il)?"
    r"|(?:gepubliceerd|bijgewerkt|geplaatst)(?:\s+op)?)\s*:?\s*"
)
_LABELLED = re.compile(_LABEL, re.IGNORECASE)
# The words `_LABEL` opens with, for the gates in front of the date expressions.
_DATE_LABEL_WORDS = (
    *("last", "first", "updated", "published", "posted", "modified", "created", "filed"),
    *("date", "issued", "news", "veröffentlicht", "aktualisiert", "publiziert", "erstellt"),
    *("publié", "mis", "modifié", "publicado", "actualizado", "atualizado", "pubblicato"),
    *("aggiornato", "gepubliceerd", "bijgewerkt", "geplaatst"),
)
_SEPARATOR = r"\s*(?:[,|·•\-–—]|//)?\s*"  # "Mon 18 Nov 2019 // 16:31 UTC"
_AT = r"(?:at|um|às|à|alle|a las|om)\s+"  # "at 8:21pm", "às 10h32", "um 10:32 Uhr"
_TIMES = rf"(?:{_SEPARATOR}(?:{_AT})?(?:{_TIME}|{_ZONE})){{0,3}}"  # "- 12:07 GMT", "at 8:21pm"
# What may follow the date: times, a time zone, "| Last updated on <date>" (its year left out
# or not: "- Updated November 18 at 4:46 PM"), "1 day ago".
_AFTER_DATE = (
    rf"{_TIMES}(?:{_SEPARATOR}{_LABEL}(?:{_DATE_BODY}|{_MONTH}\s+\d{{1,2}}){_TIMES})?"
    rf"(?:{_SEPARATOR}(?:{_LABEL})?{_AGO})?"  # "… Updated an hour ago"
    r"(?:,\s*(?:uk|us|usa|eu|uae|au|nz|ca|ie|in|sg|hk))?"  # "Saturday 7 March 1987 14:12, UK"
    r"(?:\s+(?:leave a (?:comment|reply)|no comments|\d+ comments?))?"  # a link to the comments
)
# A date after its label, with what may stand around it: "10:01 pm PST, Tuesday, November
# 19, 2019" after "Updated", "Nov 19, 2019, 8:00 AM EST".
_TIMED_DATE = rf"(?:{_TIME}\s*[,|]?\s*)?(?P<date>{_DATE_BODY}){_AFTER_DATE}"
_DATE_LINE = re.compile(
    r"^(?:[|–—]\s*)?"  # the rest of "by Jane Doe | Nov 19, 2019" on a line of its own
    rf"(?:\d+\s+min(?:ute)?s?\s+read{_SEPARATOR})?"  # "5 min read · Nov 19, 2019"
    rf"(?:{_LABEL}|on\s+)?{_TIMED_DATE}"
    # "December 4, 2017 by Regan", "29. August 2018 von Redaktion", "3 agosto 2018 da Redazione",
    # or a name of two or three capitalised words with no "by": "NOVEMBER 20, 2019 KAREN MILLER"
    r"(?:\s+(?:by|von|da|di|por|par|door)\s+[^.!?]{1,60}"
    r"|(?-i: [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,2}))?\s*$",  # (a table's "4/2/87   Prev Week")
    re.IGNORECASE,
)
# A byline that dates its story: "By Jane Doe - 11/19/2019 02:47 PM EST", "Written by Jane
# Doe on November 19, 2019".
_DATED_BYLINE = re.compile(
    rf"^(?:{_BY}|{_CHECKED_BY})\s+(?P<who>{_NAME}?)(?i:(?:\s+on\s+|{_SEPARATOR})(?P<date>{_DATE_BODY}){_AFTER_DATE})\s*$"
)
_SHORT_CHARS = 120  # the longest line a short-line pattern is tried on
# A date line run into the element after it, as a dump that prints two elements with no space
# between them does: "Updated: 1987-03-03 15:20Source: Xinhua", "November 20, 2019 - 11:42
# AMTViews: 1318", "Tuesday, 17th March 19870 Comments". The date and its time end in a
# figure or a small letter that touches a capital or a figure, or in a capital that touches a
# capitalised word: no sentence reads so ("December 31, 1987, USDA said" is no "US" run into
# "DA").
_GLUED_DATE = re.compile(
    rf"(?:{_LABEL})?{_TIMED_DATE}(?-i:(?<=[a-z\d])(?=[A-Z\d])|(?<=[A-Z])(?=[A-Z][a-z]))",
    re.IGNORECASE,
)
# What divides a date from a source credit or a read time on one line: "Associated
# Press•November 20, 2019", "Nov 19, 2019 at 9:49 am ET • 2 min read", "November 19, 2019 /
# 10:07 AM / CBS News" (a slash between spaces: "11/19/2019" is a date).
_DIVIDER = re.compile(r"\s*[•·|;]\s*|\s+/\s+|\s+--\s+")
_DIVIDED_DATES = 2  # dates on one divided line: when it was posted, when updated
_CREDIT_WORDS = 4  # each part beside the date: a credit or a label, not a sentence
_OPENED_CREDIT_WORDS = 7  # each part after a date that opens the line


# A credit before a date: "Reuters", "The Canadian Press", "by Jeff Foust —", "Chris Davies -".
_DATE_CREDIT = re.compile(
    rf"(?:(?P<by>[Bb]y\s+)[\w.'’&]+|[A-Z][\w.'’&]*)"  # after "by", a handle: "By admin - …"
    rf"(?P<more>(?:,?\s+[A-Z][\w.'’&]*){{1,{_CREDIT_WORDS - 1}}})?"  # "Mike Wall, Space.com"
    r"\s*(?P<dash>[-–—,])?\s+"
)
_CLOCK = re.compile(r"\d[:.]\d\d")
# What such a line opens with, a gate before the search for its date: capitalised words, then
# a digit or a month's or a weekday's first letters (a line of prose has a word in lower case).
_CREDIT_LEAD = re.compile(
    r"(?:[Bb]y\s+\S++|[A-Z]\S*+)(?:\s+[A-Z]\S*+){0,4}?\s*[-–—,]?\s+"
    r"(?:\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun))"
)
_DATE_START = re.compile(_DATE_BODY, re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d|\d/\d{1,2}/\d\d")
_ISO = re.compile(r"^\d{4}[-/.]")  # year first: month, then day
# The marks of a list item that a text dump of a page puts before a date, a byline or a
# menu item ("* 19 November 2019", "• Home"); a dash or a number may open a sentence.
LIST_MARKS = "*•·▪◦‣"
# A middle dot or a bullet may touch its item: "·4 min read", "•Home".
_ITEM_MARK = re.compile(rf"[{LIST_MARKS}]\s+|[•·,]\s*(?=\S)")
_ITEM_OPENERS = frozenset((*LIST_MARKS, ","))  # what `_unmarked` looks for a mark after


def _unmarked(line: str) -> str:
    """The stripped line without the mark of a list item, or the comma a line that goes on
    from the one above opens with (", updated Mon 23 Mar 1987 at 3:20pm")."""
    line = line.strip()
    if line[:1] in _ITEM_OPENERS:  # one look-up ("" for an empty line is none of them)
        return _ITEM_MARK.sub("", line, count=1)
    return line


def parse_date(line: str) -> dt.date | None:
    """The date of a date line ("Updated 09 December 2025" -> 2025-12-09), else None."""
    line = _unmarked(line)
    match = (
        _DATE_LINE.match(line)
        or _DATED_BYLINE.match(line)
        or _divided_date(line)
        or _credited_date(line)
        or _glued_date(line)
        or _glued_credit_date(line)
    )
    if match is None:
        return None
    try:
        text = match["date"]
        cjk = _CJK_DATE_PARTS.fullmatch(text)
        if cjk is not None:  # dateutil reads no CJK date; its numbers are year, month, day
            return dt.date(*map(int, cjk.groups()))
        english = _in_english(text)  # a zone's name ("EST") dates nothing: not read
        return date_parser.parse(english, dayfirst=not _ISO.match(text), ignoretz=True).date()
    except (ValueError, OverflowError):
        return None


_FOREIGN_DATE_WORDS = re.compile(
    rf"(?<=\d)(?:er|º)|\s+de(?=\s)|\b(?:{_MONTH_NAME})\b", re.IGNORECASE
)


def _in_english(date: str) -> str:
    """A date that names its month in another language, as dateutil reads it ("5 de outubro
    de 2018" -> "5 october 2018"). Those languages print the day first."""
    if not date[:1].isdigit():
        return date  # the month first: an English date
    return _FOREIGN_DATE_WORDS.sub(lambda m: _ENGLISH_MONTHS.get(m.group().lower(), ""), date)


def _divided_date(line: str) -> re.Match[str] | None:
    """The (first) date line among the parts of a line divided by "•", "·", "|", ";" or " / ",
    when every other part is a few words that end no sentence (a source credit, a read time, a
    section); or two labelled dates, as a page prints when it was posted and updated: "Posted:
    Nov 20, 2019 / 06:40 AM PST / Updated: Nov 20, 2019 / 06:40 AM PST"."""
    if len(line) > _SHORT_CHARS or not (
        "•" in line or "·" in line or "|" in line or " / " in line or ";" in line or "--" in line
    ):
        return None
    parts = _DIVIDER.split(line)
    matches = [_DATE_LINE.match(part) for part in parts]
    dates = [match for match in matches if match]
    if len(parts) < 2 or not 1 <= len(dates) <= _DIVIDED_DATES:
        return None
    if len(dates) > 1 and not all(_LABELLED.match(date.string) for date in dates):
        return None  # two dates without labels: a span of days ("29 November | 20 January")
    # a divider at either end divides nothing: "Nov 20, 2019, 09:14am EST|"
    others = [part for part, match in zip(parts, matches, strict=True) if match is None and part]
    # after a date that opens the line, a longer credit: "The Vilnius Dispatch with wire services"
    most = _OPENED_CREDIT_WORDS if matches[0] else _CREDIT_WORDS
    return dates[0] if all(_is_credit(part, most) for part in others) else None


# What a date may open with, a gate before its search: a weekday's or a month's first letters.
_DATE_LEAD_WORDS = (
    *("mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "may"),
    *("jun", "jul", "aug", "sep", "oct", "nov", "dec"),
)
_DATE_LEADS = frozenset(_DATE_LEAD_WORDS)


# What `_GLUED_DATE` opens with: a time or a date's figure, a weekday, a month or a label.
_GLUED_LEADS = _DATE_LEADS | {word[:3] for word in _DATE_LABEL_WORDS}


# A credit run into the label of the date after it, as a dump that prints a byline and a date
# with no space between them does: "Staff CorrespondentPublished: 23 Mar 1987, 06:00".
_GLUED_LABEL = re.compile(r"(?<=[a-z.])(?=(?:Last |First )?(?:Updated|Published|Posted)\b)")


def _glued_credit_date(line: str) -> re.Match[str] | None:
    """The date line after a credit of a few words run into its label (`_GLUED_LABEL`)."""
    if len(line) > _SHORT_CHARS or not (
        "Updated" in line or "Published" in line or "Posted" in line
    ):
        return None  # a cheap test first: most lines hold no such label
    glue = _GLUED_LABEL.search(line)
    if glue is None or not _is_credit(line[: glue.start()]):
        return None
    return _date_after_credit(line[glue.start() :])


def _glued_date(line: str) -> re.Match[str] | None:
    """The date line that opens a short line run into what follows it (`_GLUED_DATE`)."""
    if len(line) > _SHORT_CHARS or not (line[:1].isdigit() or line[:3].lower() in _GLUED_LEADS):
        return None  # a cheap test first: most lines open with none of these
    return _GLUED_DATE.match(line)


def opens_with_date(line: str) -> bool:
    """Whether a line opens with a whole date ("Tuesday, 17th March 19870 Comments", a date
    run into a comment count): no headline does."""
    if not (line[0].isdigit() or line[:3].lower() in _DATE_LEADS):
        return False  # a cheap test first: most lines open with neither
    return _DATE_START.match(line) is not None


def _credited_date(line: str) -> re.Match[str] | None:
    """The date line after a credit printed before it with no divider, or a dash or a comma:
    "Reuters November 18, 2019 11:03 PM", "Chris Davies - Nov 19, 2019, 10:31 pm CST",
    "by Jeff Foust — November 18, 2019". The credit is one to `_CREDIT_WORDS` capitalised
    words, after "by" or not; one word alone needs a time after the date. A line that holds
    no year is no such line."""
    if len(line) > _SHORT_CHARS or not ("19" in line or "20" in line or "/" in line):
        return None  # no year: a cheap test first, most lines of a page hold none
    if not _CREDIT_LEAD.match(line) or not _YEAR.search(line):
        return None
    start = _DATE_START.search(line)
    if start is None or start.start() == 0:
        return None
    credit = _DATE_CREDIT.fullmatch(line, 0, start.start())
    if credit is None:
        return None
    if not (credit["by"] or credit["more"] or credit["dash"]) and not _CLOCK.search(line):
        return None  # one word and a day, "Record March 31, 1987": a table's row, not a credit
    return _date_after_credit(line[start.start() :])


def _date_after_credit(rest: str) -> re.Match[str] | None:
    """The date line that follows a credit, or one a divider parts from its section: "Mar
    12, 1987 - 09:37 | Business, All" after "NIHON NEWS - ". (`_DATE_LINE` opens with "^":
    the line's rest is matched as a line of its own.)"""
    return _DATE_LINE.match(rest) or _divided_date(rest)


# A labelled date without its year, with its time: "Updated Nov 19, 6:55 AM; Posted Nov 19,
# 6:51 AM". It dates nothing (no year is guessed) but is a story's date line all the same.
_YEARLESS_LABELS = ("updated", "published", "posted")
_LABELLED_DAY = (
    rf"(?:{'|'.join(_YEARLESS_LABELS)})\s*:?\s*{_MONTH}\s+\d{{1,2}},?\s+(?:at\s+)?{_TIME}"
)
_YEARLESS_DATE = re.compile(rf"{_LABELLED_DAY}(?:\s*[;|,·•]\s*{_LABELLED_DAY})?\s*", re.IGNORECASE)
_YEARLESS_LEADS = frozenset(label[:3] for label in _YEARLESS_LABELS)  # as `_lead` reads them


def _is_credit(part: str, most: int = _CREDIT_WORDS) -> bool:
    """A few words that end no sentence: a source credit, a read time, a section's name."""
    return bool(part) and len(part.split()) <= most and part[-1] not in ".!?"


_AGO_AFTER = re.compile(rf"[\s,|·•–—-]+{_AGO}$", re.IGNORECASE)  # "By Mike Wall 2 days ago"


def byline(line: str) -> str | None:
    """The name in a "By ..." line, else None."""
    line = _unmarked(line)
    if line.startswith("by "):  # a dated credit's name: "by Jeff Foust — November 18, 2019"
        line = f"B{line[1:]}"
    match = _DATED_BYLINE.match(line) or _BYLINE.match(line) or _handle_byline(line)
    if match is None:
        return None
    who = _AGO_AFTER.sub("", match["who"]).strip()
    return who if len(who.split()) <= 10 else None


# A name with its handle on a social network, and perhaps when: "Natasha Turak@NatashaTurak",
# "Catherine Shu @catherineshu / 2 days". A role is no name ("News reporter @TomGillespie1").
HANDLE = r"@\w{1,30}"  # a social network's handle: "@apollozac"
_HANDLE_BYLINE = re.compile(
    rf"(?P<who>[A-Z][\w.'’-]*(?: {_CAPTIONED}){{1,3}})\s*{HANDLE}"
    r"(?:\s*[/|·•,–—-]\s*[^@]{1,40})?"
)
_HANDLE_BYLINE_CHARS = 100


def _handle_byline(line: str) -> re.Match[str] | None:
    if "@" not in line or len(line) > _HANDLE_BYLINE_CHARS:
        return None
    return _HANDLE_BYLINE.fullmatch(line)


def source(line: str) -> str | None:
    """The credit in a "Source: ..." line, else None."""
    match = _SOURCE.match(_unmarked(line))
    return (match["who"] or match["company"]).strip() if match else None


# A consent banner speaks of cookies to the reader: "This website uses cookies ... you agree";
# a news sentence about cookies ("users who opt out of cookies") does not.
_COOKIE = re.compile(r"\bcookies?\b", re.IGNORECASE)
_TO_READER = re.compile(
    r"\b(?:this|our) (?:web ?)?site\b|\byou (?:agree|accept|consent)|\byour consent\b"
    r"|\byou can (?:accept|refuse|reject|manage|change)|\bour partners\b"
    r"|\b(?:we use|wir verwenden|wir nutzen|nous utilisons|utilizamos|usamos|utilizziamo)\b",
    re.IGNORECASE,
)


def _is_consent_banner(line: str) -> bool:
    if "ookie" not in line and "OOKIE" not in line:
        return False  # cheap gate before the regular expressions
    return len(line) <= 600 and bool(_COOKIE.search(line)) and bool(_TO_READER.search(line))


# A site's legal footer: a copyright notice ("© 2000-2019 Example, Inc. All Rights Reserved.
# About Us"), or terms addressed to the reader ("Use of this site constitutes acceptance of
# our Terms of Use"). A wire story's own last line ("© 2019 AP. All rights reserved.") is one
# too: the story's words are its prose, not its notice.
_COPYRIGHT = re.compile(r"\ball rights reserved\b|(?:©|\(c\)|\bcopyright\b)\s*\d{4}", re.IGNORECASE)
_SITE_TERMS = re.compile(
    r"\bterms (?:of (?:use|service)|and conditions)\b|\bprivacy (?:policy|notice)\b|"
    r"\bmay not be (?:reproduced|republished|published|redistributed)\b",
    re.IGNORECASE,
)
_TO_READER_SITE = re.compile(r"\b(?:this|our) (?:web ?)?site\b|\byou (?:agree|accept)", re.I)
# Where else the story ran, or why a newsletter came: "This article first appeared on
# Gizmodo.", "Originally published on Live Science.", "A version of this article appears in
# print on ...", "You are receiving this email because ...", and what a newsletter box
# promises: "We will use your email address only for sending you newsletters. …": at the
# start of a line only.
_REPUBLISHED = re.compile(
    r"(?:this (?:article|story|post|piece|report) (?:was |is )?(?:first |originally )?"
    r"(?:appeared|published|ran|posted)|originally (?:published|appeared|posted|ran)"
    r"|a version of this (?:article|story|post) (?:first )?appear(?:s|ed)"
    r"|you are receiving this (?:e-?mail|newsletter|message|because)"
    r"|we will use your e-?mail(?: address)? only (?:for|to) send(?:ing)? you)\b",
    re.IGNORECASE,
)
_REPUBLISHED_LEADS = frozenset(("thi", "ori", "a", "you", "we"))  # its first letters, a gate
# A note that the story came from an agency's feed unedited, as syndicating sites print it:
# "(Except for the headline, this story has not been edited by NDTV staff and is published from
# a syndicated feed.)", "… the rest of the content is auto-generated from a syndicated feed."
_SYNDICATED = re.compile(r"\bfrom a syndicated (?:news )?feed\b", re.IGNORECASE)
_SYNDICATED_WORDS = _Words("syndicated")
_NOTICE_CHARS = 600  # a notice is a few sentences; a longer line is an article's paragraph
# What every match of `_COPYRIGHT` and of `_SITE_TERMS` holds, in lower case: cheap gates.
_COPYRIGHT_WORDS = _Words("all rights reserved", "©", "(c)", "copyright")
_SITE_TERMS_WORDS = _Words("terms of ", "terms and conditions", "privacy ", "may not be ")


# A site's disclaimer: "The information provided on this website ... is for informational
# purposes only ... not intended to diagnose any medical condition ... Consult your physician
# ..." Two of its stock phrases in a line of at most `_DISCLAIMER_CHARS`: one alone may be
# news, and an extract that joined a whole article into one line keeps its article.
_DISCLAIMER = re.compile(
    r"\b(?:for (?:general )?informational purposes only|"
    r"not intended to (?:diagnose|treat|provide|replace|be a substitute)|"
    r"registered trademark|consult (?:your|a) (?:physician|doctor|health)|"
    r"does not constitute (?:financial|investment|legal|medical|professional) advice|"
    # a trading site's: "Risk Disclosure: Trading in financial instruments … involves high
    # risks including the risk of losing some, or all, of your investment amount, and may not
    # be suitable for all investors."
    r"risk disclosure\s*:|involves? (?:a )?high (?:degree of )?risks?|"
    r"(?:may )?not be suitable for all investors|not necessarily (?:real[- ]time|accurate)|"
    r"the data contained in this (?:web ?site|site))",
    re.IGNORECASE,
)
_DISCLAIMER_WORDS = _Words(
    "informational purposes",
    "not intended to",
    "trademark",
    "consult ",
    "constitute",
    "risk disclosure",
    "high risk",
    "degree of risk",
    "suitable for all",
    "not necessarily",
    "data contained in",
)
_DISCLAIMER_CHARS = 2000


def _stock_phrases(line: str, chars: int, words: _Words, phrases: re.Pattern[str]) -> set[str]:
    """The distinct `phrases` of a notice in `line`, in lower case; none in a line longer than
    `chars` (an article an extractor joined into one line) or holding none of `words`."""
    if len(line) > chars or not words.may_be_in(line):
        return set()
    return {match.lower() for match in phrases.findall(line)}


def _is_disclaimer(line: str) -> bool:
    return len(_stock_phrases(line, _DISCLAIMER_CHARS, _DISCLAIMER_WORDS, _DISCLAIMER)) >= 2


# A finance page's notice on its market data: "Earnings data provided by MarketWire. Quotes
# delayed at least 15 minutes.", "Market indices are shown in real time, except for the DJIA
# … All times are ET." A notice of quotes or of times, and a second phrase of one, in a line
# of a few sentences: "trading was delayed by 15 minutes, data provided by the exchange
# showed" is news.
_MARKET_NOTICE = re.compile(
    r"\bquotes (?:are )?delayed\b|\b(?:shown|displayed) in real[- ]time\b|"
    r"\ball times are (?:et|est|edt|ct|pt|gmt|utc|local)\b",
    re.IGNORECASE,
)
_MARKET_DATA = re.compile(
    rf"{_MARKET_NOTICE.pattern}|\b(?:data|quotes?) (?:is |are )?provided by\b|"
    r"\bdelayed (?:by )?(?:at least )?(?:\d+|two|ten|fifteen|twenty) minutes\b",
    re.IGNORECASE,
)
# What a notice's own phrase holds, in lower case: a gate ("delayed" alone is in much news).
_MARKET_WORDS = _Words(
    "quotes delayed",
    "quotes are delayed",
    "in real time",
    "in real-time",
    "all times are",
)


def _is_market_notice(line: str) -> bool:
    phrases = _stock_phrases(line, _NOTICE_CHARS, _MARKET_WORDS, _MARKET_DATA)
    return len(phrases) >= 2 and any(_MARKET_NOTICE.fullmatch(phrase) for phrase in phrases)


# A post's disclosure of its affiliate links, as the FTC has US sites print it: "FTC: We use
# income earning auto affiliate links.", "This post may contain affiliate links. Please read
# my disclosure policy.", "As an Amazon Associate I earn from qualifying purchases." Such a
# link, said in the site's voice and quoting no one, in a line of a few sentences: a story on
# affiliate marketing names the links too, but not as its own.
_AFFILIATED = ("link", "partnership", "program", "commission")
_AFFILIATE = re.compile(
    r"\b(?:affiliate|referral) (?:links?|partnerships?|programs?|commissions?)\b|"
    r"\bamazon (?:services llc )?associates?\b|\bqualifying purchases\b",
    re.IGNORECASE,
)
_SITE_VOICE = re.compile(
    r"\b(?:we|our|us|i|my)\b|\bthis (?:post|article|page|site|story|video)\b|\bmay contain\b|"
    r"^(?:ftc|disclosure)\s*:",
    re.IGNORECASE,
)
# What each such phrase holds, in lower case: a gate ("an affiliate of" is in much news).
_DISCLOSURE_WORDS = _Words(
    *(f"{kind} {what}" for kind in ("affiliate", "referral") for what in _AFFILIATED),
    *("amazon associate", "amazon services", "qualifying purchases"),
)
_DISCLOSURE_CHARS = 400


def _is_disclosure(line: str) -> bool:
    if not _stock_phrases(line, _DISCLOSURE_CHARS, _DISCLOSURE_WORDS, _AFFILIATE):
        return False
    if '"' in line or "“" in line:
        return False  # someone quoted: "Affiliate links pay our bills," she said.
    return bool(_SITE_VOICE.search(line))


# A site's pitch to its reader, written as a sentence: "Want to read more? Subscribe to the
# Courier & Press for unlimited digital access.", "Share your feedback to help improve our site
# experience!", "Comments are moderated and generally will be posted if they are on-topic.",
# "Get the day's top stories delivered to your inbox.": a call to act, or the reader
# addressed, about the site's own furniture (its newsletters, app, comments, accounts).
# What a call to act opens with (its words, and their first three letters as a gate)
_CALL_WORDS = (
    *("subscribe", "sign", "follow", "join", "like", "share", "read", "download", "get"),
    *("click", "tap", "receive", "register", "support", "donate", "become", "stay"),
    *("listen", "watch", "visit", "send", "tell", "leave", "want", "need", "don't"),
    *("do not", "never", "please", "for more"),
)
_CALL = re.compile(rf"(?:{'|'.join(_CALL_WORDS)})\b", re.IGNORECASE)
_CALL_LEADS = frozenset(word[:3] for word in _CALL_WORDS)
_ADDRESSED = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Oo]ur|us|[Pp]lease)\b")  # not "the US"
_SITE_THINGS = re.compile(
    r"\b(?:newsletters?|subscri(?:be|bers?|ption)s?|sign[- ]?ups?|inbox|apps?|comments?"
    r"|commenting|faq|feedback|alerts|e-?mails?|whatsapp|telegram|facebook"
    # a policy of the site's own, not one a story reports on ("Support for the policy fell")
    r"|(?:privacy|cookies?|data|protection|transfer|complaints?|community|editorial"
    r"|corrections?|moderation|services?|use|usage) polic(?:y|ies)"
    r"|twitter|instagram|podcasts?|notifications|(?:this|the) (?:story|article|site|page)"
    r"|readers|journalism|account|log ?in|(?:stories|articles|news|content) like this)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“”«»„]|\b(?:said|says|told|according to)\b")
_PITCH_WORDS = 40  # a pitch is a sentence or two


def is_pitch(line: str, *, addressed: bool = True) -> bool:
    """Whether a line is the site's pitch to its reader, not news: no quotation or
    attribution in it, about the site's own things (`_SITE_THINGS`), and a call to act
    (`_CALL`) or, if `addressed`, words to the reader (`_ADDRESSED`: a blog's own sentences
    speak to the reader too, "And you'll have a lot less money in your bank account.")."""
    if line[0].islower():
        return False  # a line in lower case runs on from a wrapped sentence
    if not addressed and line[:3].lower() not in _CALL_LEADS:
        return False  # most lines of a story's body
    if not (_CALL.match(line) or (addressed and _ADDRESSED.search(line))):
        return False  # first the cheap test that rules out most lines
    return (
        len(line.split()) <= _PITCH_WORDS
        and bool(_SITE_THINGS.search(line))
        and not _QUOTED.search(line)
    )


def _is_site_notice(line: str) -> bool:
    """A copyright notice, or the site's terms addressed to its reader."""
    if len(line) > _NOTICE_CHARS:
        return False
    if _COPYRIGHT_WORDS.may_be_in(line) and _COPYRIGHT.search(line):
        return True
    return (
        _SITE_TERMS_WORDS.may_be_in(line)
        and bool(_SITE_TERMS.search(line))
        and bool(_TO_READER_SITE.search(line))
    )


def _is_republished(line: str) -> bool:
    """Where else the story ran: a line that opens so, with a capital (not a sentence
    running on: "... which originally ran February 27.")."""
    return len(line) <= _NOTICE_CHARS and line[0].isupper() and bool(_REPUBLISHED.match(line))


def _is_share_row(line: str) -> bool:
    """Share buttons and counters: every word a share word or a number ("Share via Email")."""
    match = _TOKEN.search(line)
    first = match.group().lower() if match else ""
    if first not in _SHARE_WORDS and not first.isdigit():
        return False  # cheap gate: most lines are not share rows
    words = [w.lower() for w in _TOKEN.findall(line)]
    shares = sum(w in _SHARE_WORDS for w in words)
    if len(words) < 2 or shares < 1:
        return False
    for at, word in enumerate(words):
        if word in _SHARE_FILLERS:
            # fillers lead to a share word: "Share this with Facebook", not "shares to 3,113,074."
            after = next((w for w in words[at + 1 :] if w not in _SHARE_FILLERS), None)
            if after not in _SHARE_WORDS:
                return False
        elif word not in _SHARE_WORDS and not word.isdigit():
            return False
    return True


# The short-line patterns, in the order `classify` gives them precedence: a line is of the
# first part that matches it (`_short_part`).
_SHORT_PARTS = (
    ("boilerplate", _BOILERPLATE),
    ("crumb", _BREADCRUMB),
    ("teaser", _TEASER),
    ("comments", _COMMENTS),
    ("date", _DATE_LINE),
    ("byline", _BYLINE),
    ("dated", _DATED_BYLINE),
    ("source", _SOURCE),
)


# What `_BY` opens with ("By", "Written by") and what `_CHECKED_BY` does ("Reviewed by")
_BY_WORDS = (
    *("by", "written", "reported", "posted", "published", "story", "words", "analysis"),
    "commentary",
)
_CHECKED_BY_WORDS = ("medically", "reviewed", "fact", "edited")
# Part by part, the first letters (up to three, in lower case; five for `_BOILERPLATE`) that
# a line matching it opens with, alternative by alternative: a word ("skip" -> "ski",
# "e-mail" -> "e"), a weekday or month ("monday" -> "mon") or a date line's label
# ("updated"); "" for an alternative that opens with a digit or a sign ("12 comments", "(c)
# 2019", "03/04/2025").
_SHORT_LEAD_WORDS: dict[str, tuple[str, ...]] = {
    "boilerplate": (
        *("skip", "short", "follow", "share", *_SHARE_VERBS, "advertise", "ad", "sponsored"),
        *("story", "article", "content", "sign", "subscribe", "print", "e", "email"),
        *("comments", "newsletters", "rss", "log", "menu", "search", "close", "listen"),
        *("copy", "link", "tweet", "whatsapp", "facebook", "twitter", "linkedin", "reddit"),
        *("telegram", "pinterest", "instagram", "youtube", "flipboard", "tumblr", "sms"),
        *("pocket", "hatena", "line", "vk", "weibo", "wechat", "kakaotalk", "thanks"),
        *("just", "must", "replay", "more", "next", "previous", "exit", "full", "view"),
        *("unsubscribe", "update", "manage", "forward", "back", "load", "show", "toggle"),
        *("support", "explore", "photo", "don", "sponsor", "promoted", "click", "in"),
        *("disclaimer", "continue", "read", "visit", "gift", "save", "learn", "blogthis"),
        *("loading", "all", "created", "fill", "group", "path", "rectangle", "oval", "shape"),
        *("layer", "you", "notify", "connecting", "published", "report", "want", "like"),
        *("older", "newer", "simple", "powered", "blog", "about", "watch", "assista"),
        *("video", "inscreva", "receba", "clique", "posted", "permalink", "text"),
        *("appeared", "live", "related", "keywords", "from", "to", "cc", "bcc", "reply-to"),
        *("kindly", "please", "bookmark", "leave", "contact", "tags", "this", "mi", "me"),
        *("j'aime", "gefällt", "curtir", "got", "have", "get", "our", "community"),
        *("download", "invalid", "cookies", "accept", "privacy", "terms", "careers"),
        *("site", "customer", "help", "your", "do", "copyright", "new", "image", "picture"),
        *("slide", "filed", "tagged", "topics", "categories", "labels", "schlagwörter"),
        *("stichwörter", "etiquetas", "tag", "was", "reuse", "receive", "paid", "estimated"),
        *("time", "lesezeit", "lesedauer", "tempo", "tiempo", "temps", "leestijd"),
        *("printed", "url", "already", "media", "caption", "enlarge", "hide", "font"),
        *("enter", "thank", "a", "an", "updated", "today", "yesterday", "last"),
        # run together, as `_BOILERPLATE_LEADS` reads them: "log ?in", "don'?t"
        *("login", "logout", "fullscreen", "sitemap", "dont", "reading"),
        "",  # "12 comments", "© 2019", "#Tag", "[Close]", "10:02 ET"
    ),
    "crumb": ("home",),
    "teaser": (
        *("popular", "related", "you", "more", "recommended", "trending", "media", "press"),
        *("investor", "news", "paid", "partner", "sponsored", "around", "most", "our"),
        *("latest", "explore", "read", "next", "key", "what", "previous", "prev", "older"),
        *("newer", "story", "highlights", "editors", "top", "don", "in", "other", "recent"),
        *("also", "see"),
        # in other languages
        *("articoli", "post", "notizie", "ti", "potrebbe", "artículos", "entradas"),
        *("noticias", "también", "te", "artigos", "posts", "notícias", "relacionados"),
        *("você", "ähnliche", "das", "weitere", "mehr", "articles", "vous", "sur"),
        *("gerelateerde", "meest", "leia", "leggi", "lee", "lire", "à", "lees", "lesen"),
        "",  # "<< Previous: …"
    ),
    "comments": (
        *("top", "most", "latest", "newest", "oldest", "best", "featured", "reader"),
        *("readers", "user", "visitor", "one", "no", "leave", "your", "sign", "log"),
        *("register", "discussion", "join", "sort"),
        # in other languages
        *("lascia", "il", "schreibe", "deine", "ihre", "laisser", "votre", "deja", "tu"),
        *("deixe", "o", "seu", "endereço", "geef", "je"),
        "",  # "34 responses to “Title”"
    ),
    "date": (*_DATE_LABEL_WORDS, "on", *_DATE_LEAD_WORDS, ""),  # "", "19/11/2019", "| Nov 19"
    "byline": _BY_WORDS,
    "dated": (*_BY_WORDS, *_CHECKED_BY_WORDS),
    "source": ("source", "via", "courtesy"),
}
_LEAD = re.compile(r"[A-Za-z]*")


def _lead(line: str, letters: int = 3) -> str:
    """The first letters of an ASCII line, up to `letters`, in lower case ("" if it opens
    otherwise)."""
    head = line[:letters]
    if not head.isalpha():  # a shorter word, or a line that opens with a digit or a sign
        match = _LEAD.match(line, 0, letters)
        head = match.group() if match else ""
    return head.lower()


def _ascii_lead(line: str) -> str | None:
    """The lead of an ASCII line, which the lead gates rule on; None for any other line:
    there a case-blind expression also takes letters `lower` keeps ("ı", "ſ")."""
    return _lead(line) if line.isascii() else None


# Part by part, what an ASCII line that it matches opens with: a line that opens with other
# letters is not tried on it.
_SHORT_PART_LEADS = {
    name: frozenset(map(_lead, words)) for name, words in _SHORT_LEAD_WORDS.items()
}
# What a share row opens with: a share word, or a count or a sign ("858 shares", "| Share").
_SHARE_LEADS = frozenset((*map(_lead, _SHARE_WORDS), ""))
# What an ASCII line that a short-line part matches, or that is a share row, opens with.
_SHORT_LEADS = _SHARE_LEADS.union(*_SHORT_PART_LEADS.values())
# `_BOILERPLATE`, the costliest part, is gated by five letters: its first three open too
# much prose to rule it out ("com" in "company", "pro" in "profit", "sha" in "shares").
_BOILERPLATE_LETTERS = 5
_BOILERPLATE_LEADS = frozenset(
    _lead(word, _BOILERPLATE_LETTERS) for word in _SHORT_LEAD_WORDS["boilerplate"]
)
# The parts after `_BOILERPLATE`, which `_SHORT_PARTS` gives precedence over them.
_GATED_SHORT_PARTS = tuple(
    (name, part, _SHORT_PART_LEADS[name]) for name, part in _SHORT_PARTS if part is not _BOILERPLATE
)
# Those parts a line with no lead (`_ascii_lead` None) is tried on: all, in their order.
_UNGATED_PARTS = tuple((name, part) for name, part, _ in _GATED_SHORT_PARTS)
# For each lead, the parts (in their order) whose leads hold it: one look-up a line, not one
# a part (a lead no part holds is tried on none).
_GATED_PARTS_BY_LEAD = {
    lead: tuple((name, part) for name, part, leads in _GATED_SHORT_PARTS if lead in leads)
    for lead in frozenset().union(*(leads for _, _, leads in _GATED_SHORT_PARTS))
}


def _may_be_short(lead: str | None) -> bool:
    """Whether a line with this lead may match a short-line part or be a share row: a gate
    that rules out most lines of prose for the price of a set look-up. A line with no lead
    (not ASCII, or opening with a digit or a sign) is not ruled out."""
    return not lead or lead in _SHORT_LEADS


def _may_be_boilerplate(line: str, lead: str | None) -> bool:
    """Whether a line with this lead (`_ascii_lead`) may match `_BOILERPLATE`, by its first
    five letters; a line with no lead is not ruled out."""
    return not lead or _lead(line, _BOILERPLATE_LETTERS) in _BOILERPLATE_LEADS


def _short_part(line: str, lead: str | None) -> str | None:
    """The name of the first part of `_SHORT_PARTS` that matches `line`, trying only the parts
    a line with this lead (`_ascii_lead`; None: any) may match. Not one expression of all the
    parts: `re` tries its alternatives one by one all the same, each part on every line that
    passed one gate for them all, a sixth of classifying a wire's lines."""
    if _may_be_boilerplate(line, lead) and _BOILERPLATE.match(line):
        return "boilerplate"
    parts = _UNGATED_PARTS if lead is None else _GATED_PARTS_BY_LEAD.get(lead, ())
    for name, part in parts:
        if part.match(line):
            return name
    return None


def _matched_short_kind(line: str, lead: str | None) -> Kind | None:
    """The kind of a short line by `_SHORT_PARTS` and `_is_share_row`, each tried only if a
    line with this lead (`_ascii_lead`; None: any) may match it."""
    group = _short_part(line, lead)
    if group in ("boilerplate", "crumb") or (
        (lead is None or lead in _SHARE_LEADS) and _is_share_row(line)
    ):
        return Kind.BOILERPLATE
    if group == "teaser":
        return Kind.TEASER
    if group == "comments":
        return Kind.COMMENTS
    if group is None:
        return Kind.DATE if _glued_date(line) and parse_date(line) is not None else None
    if parse_date(line) is not None:  # a date-like line that does not parse may be a byline
        return Kind.DATE
    if byline(line) is not None:
        return Kind.BYLINE
    if source(line) is not None:
        return Kind.SOURCE
    return None


# Every word a site notice or a disclaimer needs: one gate before both (one `lower`).
_NOTICE_WORDS = _Words(
    *_COPYRIGHT_WORDS.words,
    *_SITE_TERMS_WORDS.words,
    *_DISCLAIMER_WORDS.words,
    *_DISCLOSURE_WORDS.words,
    *_MARKET_WORDS.words,
    *_SYNDICATED_WORDS.words,
)
# What an ASCII line that `_LINK` matches opens with: its first word ("don't" -> "don").
_LINK_LEADS = frozenset(
    map(
        _lead,
        (
            *("also", "read", "see", "related", "recommended", "must", "don", "watch", "listen"),
            *("more", "now", "lesen", "leia", "lea", "lee", "lire", "leggi", "lees"),
        ),
    )
)


def _may_be_link(lead: str | None) -> bool:
    """Whether a line with this lead may match `_LINK`: a gate as `_may_be_short` is."""
    return lead is None or lead in _LINK_LEADS


_WORDED = re.compile(r"[^\W_]")  # a letter or a digit, in any script


def classify(line: str) -> Kind:
    """The kind of one stripped, non-blank line."""
    return _classify(line, notices=True)


def classify_page(lines: list[str], page: str) -> list[Kind]:
    """`classify` of each line of a page whose text is `page`: the words every notice and
    disclaimer needs are looked for in the page once, and most pages hold none of them. A
    line already classified in this process is looked up (`_KNOWN`)."""
    notices = _NOTICE_WORDS.may_be_in(page)
    if len(_KNOWN) > _KNOWN_LINES:
        _KNOWN.clear()  # bounded: a crawl's lines outnumber any memory
    kinds = []
    for line in lines:
        kind = _KNOWN.get(line)
        if kind is None:
            kind = _classify(line, notices)
            if len(line) <= _KNOWN_CHARS:
                _KNOWN[line] = kind
        kinds.append(kind)
    return kinds


# The kinds of lines already classified in this process: a site prints its menus, footers
# and labels on every page of a crawl, and a line's kind depends on its text alone (a page
# whose lines are classified without the notice checks holds no notice's words, so no line
# of it has an answer they would change). A dictionary, not `functools.lru_cache`: a page of
# lines never seen (a wire's text) costs one look-up a line, where the cache's bookkeeping
# cost 5% of segmenting it.
_KNOWN: dict[str, Kind] = {}
_KNOWN_LINES = 1 << 16  # lines remembered before starting over
_KNOWN_CHARS = 200  # and the longest remembered: furniture is short, and memory stays small


def _classify(line: str, notices: bool) -> Kind:
    """`classify`; `notices` False: the line is known to hold no site notice or disclaimer."""
    line = _unmarked(line)
    if not line[0].isalnum() and not _WORDED.search(line):
        return Kind.BOILERPLATE  # a divider, an empty list item: "━━━━━━━━", "* * *", "•"
    if len(line) <= _NAV_LABEL_CHARS and line.lower().rstrip(" :") in _NAV_LABELS:
        return Kind.BOILERPLATE
    lead = _ascii_lead(line)
    if len(line) <= _SHORT_CHARS and _may_be_short(lead):
        kind = _matched_short_kind(line, lead)
        if kind is not None:
            return kind
    if _handle_byline(line):
        return Kind.BYLINE
    if lead == "url" and _PRINTED_URL.fullmatch(line):  # a printed page's link, however long
        return Kind.BOILERPLATE
    if "|" in line and len(line) <= _SHORT_CHARS * 2 and _is_label_row(line):
        return Kind.BOILERPLATE
    if (line[0].isdigit() or line[-1].isdigit()) and _is_contact(line):
        return Kind.BOILERPLATE
    if (">" in line or "›" in line or "»" in line) and _TRAIL.fullmatch(line):
        return Kind.BOILERPLATE
    if len(line) <= _SHORT_CHARS and (  # each returns None on a longer line: three calls saved
        _divided_date(line) or _credited_date(line) or _glued_credit_date(line)  # no lead to gate
    ):
        return Kind.DATE
    if lead in _YEARLESS_LEADS and len(line) <= _SHORT_CHARS and _YEARLESS_DATE.fullmatch(line):
        return Kind.DATE
    if " · " in line and _is_dotted_row(line):
        return Kind.BOILERPLATE
    if (lead is None or lead in _REPUBLISHED_LEADS) and _is_republished(line):
        return Kind.BOILERPLATE
    if _is_consent_banner(line) or (
        notices
        and _NOTICE_WORDS.may_be_in(line)
        and (
            _is_site_notice(line)
            or _is_disclaimer(line)
            or _is_disclosure(line)
            or _is_market_notice(line)
            or (len(line) <= _NOTICE_CHARS and bool(_SYNDICATED.search(line)))
        )
    ):
        return Kind.BOILERPLATE
    if len(line) <= 300 and _may_be_link(lead) and _LINK.match(line):
        return Kind.LINK
    if (")" in line or "]" in line) and len(line) <= _CREDITED_CHARS and _CREDIT.search(line):
        return Kind.CAPTION  # a credit closes its bracket
    if (
        len(line) <= CAPTION_CHARS
        and ("/" in line or ":" in line or "|" in line)
        and _BARE_CREDIT.search(line)
    ):
        return Kind.CAPTION
    if line[-2:].isupper() and len(line) <= CAPTION_CHARS and _CAPITALS_CREDIT.search(line):
        return Kind.CAPTION
    if (
        len(line) <= CAPTION_CHARS
        and line[-_PHOTO_CREDIT_TAIL:].lower().endswith(_PHOTO_AGENCIES)
        and _PHOTO_CREDIT.search(line)
    ):
        return Kind.CAPTION
    if len(line) <= _CREDITED_BUTTON_CHARS and line.endswith(_CAPTION_BUTTONS):
        return Kind.BOILERPLATE  # a caption's button after its credit: "Jane Doe/AP hide caption"
    return Kind.TEXT
