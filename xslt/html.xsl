<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl - the web layer: defines common.xsl's behaviours as HTML5, and the page shell
  (masthead, contents, metadata panel, search) around them.

  For layers that import this one (print.xsl): every behaviour is a named template
  (make-heading, make-paragraph, make-break, make-repeat, ...) and every part of the
  page shell is one too (html-head, html-masthead, html-tools, html-toc, html-text,
  html-furniture, html-about, html-article-foot, html-scripts). Override the ones that
  differ and keep the rest; print.xsl, for one, overrides make-repeat with an empty
  template (repeats are not printed), html-page (no contents, panel or search on paper)
  and html-article-foot. Helpers meant for reuse: te-label (interface text in the
  document's language), te-in-phrase (whether a block must become a <span> here),
  te-attrs (id, lang, class), te-monogr-title, te-issue-date, te-page-no, te-issue-no.

  Two kinds of input:
    a TEI document (TEI or teiCorpus root)  -> one newspaper page (html-page), or with
                                               $article-id one article's page
                                               (html-article-page)
    a site manifest (site:archive, site:year or site:issue, built by
    tei_edition/site.py with lxml: what a browse page lists, with its links)
                                            -> the archive's index, a year's calendar,
                                               an issue's contents (html-browse-page)

  Class names: "tei-NAME tei-NAME-TYPE" keeps TEI identity; "te-..." is the edition's
  own furniture; "te-gen" marks text the edition adds (labels, editorial notes), so
  tests and the search index can tell it from the source's text.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:site="urn:tei-edition:site"
    xmlns:exsl="http://exslt.org/common"
    xmlns:tex="urn:tei-edition:xslt"
    xmlns:str="http://exslt.org/strings"
    extension-element-prefixes="exsl str"
    exclude-result-prefixes="tei site exsl tex str">

  <xsl:import href="common.xsl"/>

  <!-- doctype-system="about:legacy-compat" makes libxslt write <!DOCTYPE html>; libxslt
       also writes the charset <meta>, so the templates must not add another. -->
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <!-- Links the site builder supplies (all relative, so the site works from disk). -->
  <xsl:param name="page-href" select="''"/>     <!-- this page's file name, for citations -->
  <xsl:param name="index-href" select="''"/>    <!-- the list of issues -->
  <xsl:param name="tei-href" select="''"/>      <!-- the TEI copy to download -->
  <xsl:param name="pdf-href" select="''"/>      <!-- the PDF of the page -->
  <xsl:param name="assets-href" select="'assets/'"/>
  <xsl:param name="search-href" select="''"/>   <!-- the search index script; '' = no search -->
  <xsl:param name="media-href" select="''"/>    <!-- where the site keeps this page's images -->
  <!-- The local images the site builder found and copied, one per line with a newline at
       both ends; '*' (the default, for a bare transform) means "assume all exist". -->
  <xsl:param name="media-available" select="'*'"/>
  <xsl:param name="generator" select="'tei-edition'"/>
  <!-- Where the page stands in the archive (tei_edition/site.py; all relative links, all
       optional: a bare transform shows none of them). -->
  <xsl:param name="issue-href" select="''"/>    <!-- the issue's contents -->
  <xsl:param name="year-href" select="''"/>     <!-- the newspaper's year (a calendar) -->
  <xsl:param name="year" select="''"/>
  <xsl:param name="prev-page-href" select="''"/>
  <xsl:param name="prev-page-n" select="''"/>
  <xsl:param name="next-page-href" select="''"/>
  <xsl:param name="next-page-n" select="''"/>
  <xsl:param name="prev-issue-href" select="''"/>
  <xsl:param name="prev-issue-date" select="''"/>
  <xsl:param name="next-issue-href" select="''"/>
  <xsl:param name="next-issue-date" select="''"/>
  <!-- Each article's own page: ARTICLES-HREF + xml:id + '.html' ('' = permalinks are
       fragments of this page). ARTICLE-ID: make that article's page instead of the whole
       page; FULL-PAGE-HREF then links back to the whole page. -->
  <xsl:param name="articles-href" select="''"/>
  <xsl:param name="article-id" select="''"/>
  <xsl:param name="full-page-href" select="''"/>
  <!-- The site's settings (tei-edition.toml [site] and the command line; site.py
       passes them). UI-LANG: the language of the interface and the editorial notes, 'zh' or 'en'
       ('' or 'auto': the TEI's own). With a base URL, DIR-URL is the absolute address of
       this page's folder (a permalink, relative, is resolved against it) and PDF-URL the
       PDF's; without one they are '' and no citation names an address: it
       says the address is not known, and the script puts in the one the reader sees
       when the page came over http(s), never a file: address. -->
  <xsl:param name="ui-lang" select="''"/>
  <xsl:param name="dir-url" select="''"/>
  <xsl:param name="pdf-url" select="''"/>

  <!-- ===== Language and labels ============================================ -->
  <xsl:variable name="te-root" select="/*"/>
  <xsl:variable name="te-header" select="/*/tei:teiHeader"/>
  <!-- This document's header facts, looked up once: the citation under every article asks
       for them, and a search of the whole sourceDesc (a biblStruct per article) each time
       was an eighth of a page's transform. te-issue-date, te-page-no and te-issue-no use
       them when asked about this document's header. -->
  <xsl:variable name="te-h-bs" select="($te-header/tei:fileDesc/tei:sourceDesc/tei:biblStruct[@type='newspaper'] | $te-header/tei:fileDesc/tei:sourceDesc/tei:biblStruct)[1]"/>
  <xsl:variable name="te-h-date" select="($te-h-bs/tei:monogr/tei:imprint/tei:date | $te-header/tei:fileDesc/tei:sourceDesc//tei:date | $te-header/tei:fileDesc/tei:publicationStmt/tei:date)[1]"/>
  <xsl:variable name="te-h-page" select="($te-header/tei:fileDesc/tei:sourceDesc//tei:biblScope[@unit='page'])[1]"/>
  <xsl:variable name="te-h-issue" select="($te-header/tei:fileDesc/tei:sourceDesc//tei:biblScope[@unit='issue'])[1]"/>
  <!-- What every citation and meta tag of the page says of the newspaper, looked up once. -->
  <xsl:variable name="te-paper"><xsl:call-template name="te-monogr-title"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></xsl:variable>
  <xsl:variable name="te-date-iso" select="normalize-space($te-h-date/@when)"/>
  <xsl:variable name="te-date-inferred" select="$te-h-date/@cert = 'low' or $te-h-date/@cert = 'medium' or boolean($te-h-bs/tei:note[@type='date'])"/>
  <xsl:variable name="te-page-plain"><xsl:call-template name="te-page-no"><xsl:with-param name="h" select="$te-header"/><xsl:with-param name="plain" select="true()"/></xsl:call-template></xsl:variable>
  <xsl:variable name="te-publisher" select="normalize-space($te-h-bs/tei:monogr/tei:imprint/tei:publisher[1])"/>
  <xsl:variable name="te-place" select="normalize-space($te-h-bs/tei:monogr/tei:imprint/tei:pubPlace[1])"/>
  <xsl:variable name="te-issue-plain" select="normalize-space($te-h-issue)"/>
  <xsl:variable name="te-lang">
    <xsl:variable name="tei" select="/tei:* | /site:*"/>
    <xsl:choose>
      <xsl:when test="normalize-space($tei/@xml:lang)"><xsl:value-of select="normalize-space($tei/@xml:lang)"/></xsl:when>
      <xsl:when test="normalize-space($te-header/tei:profileDesc/tei:langUsage/tei:language[1]/@ident)">
        <xsl:value-of select="normalize-space($te-header/tei:profileDesc/tei:langUsage/tei:language[1]/@ident)"/>
      </xsl:when>
      <xsl:otherwise>und</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- Interface language: as the site's settings say, else Chinese for Chinese documents
       and English for anything else. -->
  <xsl:variable name="te-ui">
    <xsl:choose>
      <xsl:when test="$ui-lang = 'zh' or $ui-lang = 'en'"><xsl:value-of select="$ui-lang"/></xsl:when>
      <xsl:when test="starts-with($te-lang, 'zh')">zh</xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="te-labels-rtf">
    <l k="skip" zh="跳到正文" en="Skip to the text"/>
    <l k="all-issues" zh="全部版面" en="All issues"/>
    <l k="toc" zh="本版目录" en="Contents"/>
    <l k="about" zh="关于本版" en="About this edition"/>
    <l k="downloads" zh="下载" en="Downloads"/>
    <l k="tei" zh="TEI 源文件（XML）" en="TEI source (XML)"/>
    <l k="pdf" zh="PDF 版" en="PDF"/>
    <l k="source" zh="底本" en="Source"/>
    <l k="paper" zh="报纸" en="Newspaper"/>
    <l k="place" zh="出版地" en="Place"/>
    <l k="publisher" zh="出版者" en="Publisher"/>
    <l k="date" zh="出版日期" en="Date"/>
    <l k="issue" zh="期号" en="Issue"/>
    <l k="page" zh="版次" en="Page"/>
    <l k="page-n-pre" zh="第" en="p. "/>
    <l k="page-n-post" zh="版" en=""/>
    <l k="issue-n-pre" zh="第" en="no. "/>
    <l k="issue-n-post" zh="期" en=""/>
    <l k="unknown" zh="不详" en="unknown"/>
    <l k="page-unknown" zh="版次不详" en="page unknown"/>
    <l k="date-unknown" zh="日期不详" en="date unknown"/>
    <l k="inferred" zh="（推定）" en=" (inferred)"/>
    <l k="editorial" zh="编辑说明" en="Editorial declaration"/>
    <l k="counts" zh="统计" en="Counts"/>
    <l k="revisions" zh="修订记录" en="Revision history"/>
    <l k="cite-page" zh="引用本版" en="Cite this page"/>
    <l k="cite-article" zh="引用本文" en="Cite this article"/>
    <l k="permalink" zh="本文链接" en="Permalink"/>
    <l k="breaks" zh="显示原版的分栏与分页" en="Show the source's column and page breaks"/>
    <l k="search" zh="搜索全部版面" en="Search all issues"/>
    <l k="search-go" zh="搜索" en="Search"/>
    <l k="repeat-summary" zh="重复内容（抽取时重复，已折叠）" en="Repeated text (duplicated by the extraction, collapsed)"/>
    <l k="repeat-of" zh="此处与原文重复，原文见" en="This repeats the text at"/>
    <l k="repeat-of-end" zh="。重复部分可能保存了原文缺失的字句，故予保留。" en=". The repeat may keep words the original lost, so it is kept."/>
    <l k="moved" zh="编者注：抽取文本中此行位于文末，现移至标题上方。" en="Editor's note: the extraction put this line after the text; it is moved above the headline."/>
    <l k="gap" zh="编者注：此处原文" en="Editor's note: source text "/>
    <l k="gap-missing" zh="缺失" en="missing"/>
    <l k="gap-illegible" zh="无法辨认" en="illegible"/>
    <l k="gap-damage" zh="损毁" en="damaged"/>
    <l k="gap-other" zh="从略" en="omitted"/>
    <l k="gap-extent-unknown" zh="，长度不详" en=", extent unknown"/>
    <l k="gap-extent-unknown-chars" zh="，字数不详" en=", number of characters unknown"/>
    <l k="gap-extent-unknown-paragraphs" zh="，段数不详" en=", number of paragraphs unknown"/>
    <l k="gap-extent-unknown-lines" zh="，行数不详" en=", number of lines unknown"/>
    <l k="unit-chars" zh="字" en=" characters"/>
    <l k="unit-paragraphs" zh="段" en=" paragraphs"/>
    <l k="unit-lines" zh="行" en=" lines"/>
    <l k="unit-words" zh="词" en=" words"/>
    <l k="pb" zh="第%n页" en="page %n"/>
    <l k="pb-none" zh="分页" en="page break"/>
    <l k="cb" zh="分栏" en="column break"/>
    <l k="lb" zh="换行" en="line break"/>
    <l k="milestone" zh="分界" en="milestone"/>
    <l k="figure-missing" zh="图片未收录" en="Image not included"/>
    <l k="external-image" zh="图片（外部链接）" en="Image (external link)"/>
    <l k="note" zh="注：" en="Note: "/>
    <l k="furniture" zh="版面信息" en="Page furniture"/>
    <l k="fw-pageNum" zh="页码：" en="Page number: "/>
    <l k="fw-header" zh="页眉：" en="Running head: "/>
    <l k="fw-footer" zh="页脚：" en="Footer: "/>
    <l k="fw-catch" zh="接续：" en="Catchword: "/>
    <l k="fw-sig" zh="书帖：" en="Signature: "/>
    <l k="figdesc" zh="图片说明：" en="Image description: "/>
    <l k="n-articles" zh="篇文章" en=" articles"/>
    <l k="articles" zh="文章数" en="Articles"/>
    <l k="issues-title" zh="版面一览" en="Issues"/>
    <l k="edition" zh="数字版" en="Digital edition"/>
    <l k="kind-normalization" zh="规范化" en="Normalisation"/>
    <l k="kind-segmentation" zh="分段与合并" en="Segmentation"/>
    <l k="kind-correction" zh="校正与重复" en="Correction"/>
    <l k="kind-interpretation" zh="阐释与缺失" en="Interpretation"/>
    <l k="kind-hyphenation" zh="断字" en="Hyphenation"/>
    <l k="kind-quotation" zh="引号" en="Quotation"/>
    <l k="kind-stdVals" zh="标准值" en="Standard values"/>
    <l k="count-joins" zh="合并断段" en="Joined paragraphs"/>
    <l k="count-repeats" zh="重复段落" en="Repeats"/>
    <l k="count-gaps" zh="缺失标记" en="Gaps"/>
    <l k="count-corrections" zh="编辑校订" en="Corrections"/>
    <l k="count-moves" zh="移置" en="Moves"/>
    <l k="count-headingMarkers" zh="删除的标题标记" en="Heading markers removed"/>
    <l k="count-articleRepeats" zh="重复文章" en="Repeated articles"/>
    <l k="count-exactRepeats" zh="完全重复段落" en="Exact repeats"/>
    <l k="count-nearRepeats" zh="近似重复段落" en="Near repeats"/>
    <l k="count-dates" zh="标注日期" en="Dates tagged"/>
    <l k="no-script" zh="搜索需要启用 JavaScript。" en="Search needs JavaScript."/>
    <l k="colophon" zh="本数字版由 TEI 文件生成。" en="This edition is generated from its TEI file."/>
    <l k="licence-foot" zh="许可：" en="Licence: "/>
    <l k="licence-statement" zh="许可说明（原文）" en="Licence statement (as the TEI gives it)"/>
    <l k="licence-cc" zh="知识共享许可协议 %n" en="Creative Commons licence %n"/>
    <l k="licence-cc0" zh="知识共享 CC0 公共领域贡献" en="Creative Commons CC0 public domain dedication"/>
    <l k="ed-encoded" zh="本版文字由软件 %n 根据报纸版面抽取的文本自动编码" en="The text was encoded automatically by %n from the text extracted from the printed page"/>
    <l k="ed-encoded-anon" zh="本版文字根据报纸版面抽取的文本编码" en="The text was encoded from the text extracted from the printed page"/>
    <l k="ed-reviewed" zh="，经编辑 %n 审校" en=", and reviewed by %n"/>
    <l k="ed-done" zh="。编辑处理如下：" en=". What the editing did:"/>
    <l k="ed-done-none" zh="。" en="."/>
    <l k="ed-joins" zh="合并被分栏或转版切断的段落 %n 处" en="%n paragraphs split by a column or page break joined again"/>
    <l k="ed-repeats" zh="抽取时重复的内容 %n 处，原文只显示一次，重复部分保留并折叠" en="%n passages the extraction repeated: the original is shown once, the repeat is kept, collapsed"/>
    <l k="ed-repeat-articles" zh="整篇文章 %n 篇" en="%n whole articles"/>
    <l k="ed-repeat-paragraphs" zh="段落 %n 段" en="%n paragraphs"/>
    <l k="ed-gaps" zh="原文缺失 %n 处，以〔…〕标出" en="%n places where the source text is missing, marked 〔…〕"/>
    <l k="ed-corrections" zh="编辑校订 %n 处" en="%n corrections by the editor"/>
    <l k="ed-by" zh="（%n）" en=" (%n)"/>
    <l k="ed-moves" zh="调整位置 %n 处" en="%n blocks moved to their place"/>
    <l k="ed-dates" zh="为文中日期标注标准日期 %n 处" en="%n dates in the text given their standard form"/>
    <l k="ed-when" zh="（%n）" en=" (%n)"/>
    <l k="ed-and" zh="、" en=", "/>
    <l k="ed-list-sep" zh="；" en=";"/>
    <l k="ed-list-end" zh="。" en="."/>
    <l k="processing" zh="处理细节" en="Processing details"/>
    <l k="processing-note" zh="TEI 文件所记的处理过程，原文照录。" en="The processing record of the TEI file, as it stands."/>
    <l k="count-rule" zh="规则触发" en="Rules fired"/>
    <l k="count-uncertain" zh="待复核的判断" en="Decisions to review"/>
    <l k="cite-gbt" zh="GB/T 7714—2015" en="GB/T 7714-2015"/>
    <l k="cite-chicago" zh="Chicago 格式" en="Chicago style"/>
    <l k="cite-download" zh="下载引文：" en="Download the citation: "/>
    <l k="cite-bibtex" zh="BibTeX 格式" en="BibTeX"/>
    <l k="cite-ris" zh="RIS 格式" en="RIS"/>
    <l k="access-date" zh="引用日期" en="date accessed"/>
    <l k="url-unknown" zh="网址未知（本地副本，相对链接：%n）" en="address unknown (a local copy; relative link: %n)"/>
    <l k="inferred-note" zh="出版日期系推定" en="date of publication inferred"/>
    <l k="et-al" zh="，等" en=", et al."/>
    <l k="part-f" zh="（文章开头缺失）" en="(the start is missing)"/>
    <l k="accessed" zh="[引用日期]" en="[accessed]"/>
    <l k="home" zh="全部报纸" en="All newspapers"/>
    <l k="archive-title" zh="报纸档案" en="Newspaper archive"/>
    <l k="crumbs" zh="当前位置" en="You are here"/>
    <l k="pager" zh="翻阅" en="Turn the pages"/>
    <l k="prev-issue" zh="上一期" en="Previous issue"/>
    <l k="next-issue" zh="下一期" en="Next issue"/>
    <l k="prev-page" zh="上一版" en="Previous page"/>
    <l k="next-page" zh="下一版" en="Next page"/>
    <l k="prev-year" zh="上一年" en="Previous year"/>
    <l k="next-year" zh="下一年" en="Next year"/>
    <l k="prev-article" zh="上一篇" en="Previous article"/>
    <l k="next-article" zh="下一篇" en="Next article"/>
    <l k="whole-page" zh="阅读整版" en="Read the whole page"/>
    <l k="issue-contents" zh="本期目录" en="This issue"/>
    <l k="year-n" zh="%n年" en="%n"/>
    <l k="n-issues" zh="%n期" en="%n issues"/>
    <l k="n-pages" zh="%n版" en="%n pages"/>
    <l k="months" zh="月份" en="Months"/>
    <l k="undated" zh="日期不详的版面" en="Pages without a date"/>
    <l k="pages-of-issue" zh="本期版面" en="Pages of this issue"/>
    <l k="wd-1" zh="一" en="Mo"/>
    <l k="wd-2" zh="二" en="Tu"/>
    <l k="wd-3" zh="三" en="We"/>
    <l k="wd-4" zh="四" en="Th"/>
    <l k="wd-5" zh="五" en="Fr"/>
    <l k="wd-6" zh="六" en="Sa"/>
    <l k="wd-7" zh="日" en="Su"/>
    <l k="wdl-1" zh="星期一" en="Monday"/>
    <l k="wdl-2" zh="星期二" en="Tuesday"/>
    <l k="wdl-3" zh="星期三" en="Wednesday"/>
    <l k="wdl-4" zh="星期四" en="Thursday"/>
    <l k="wdl-5" zh="星期五" en="Friday"/>
    <l k="wdl-6" zh="星期六" en="Saturday"/>
    <l k="wdl-7" zh="星期日" en="Sunday"/>
    <l k="month-1" zh="1月" en="January"/>
    <l k="month-2" zh="2月" en="February"/>
    <l k="month-3" zh="3月" en="March"/>
    <l k="month-4" zh="4月" en="April"/>
    <l k="month-5" zh="5月" en="May"/>
    <l k="month-6" zh="6月" en="June"/>
    <l k="month-7" zh="7月" en="July"/>
    <l k="month-8" zh="8月" en="August"/>
    <l k="month-9" zh="9月" en="September"/>
    <l k="month-10" zh="10月" en="October"/>
    <l k="month-11" zh="11月" en="November"/>
    <l k="month-12" zh="12月" en="December"/>
  </xsl:variable>
  <xsl:variable name="te-labels" select="exsl:node-set($te-labels-rtf)/l"/>
  <!-- Labels by key: key() indexes the list once per transform, then finds a label at
       once (the string map below took two scans of the whole map per label, a fifth of a
       page's transform once the citations' labels were added). -->
  <xsl:key name="te-l" match="l" use="@k"/>
  <xsl:variable name="te-labels-doc" select="exsl:node-set($te-labels-rtf)"/>
  <xsl:variable name="te-ui-s" select="string($te-ui)"/>

  <!-- A label in the interface language; an unknown key falls back to the key itself.
       Whether a key is known: "|key|key|…|" (no key contains |). -->
  <xsl:variable name="te-label-keys-rtf">
    <xsl:text>|</xsl:text>
    <xsl:for-each select="$te-labels"><xsl:value-of select="concat(@k, '|')"/></xsl:for-each>
  </xsl:variable>
  <xsl:variable name="te-label-keys" select="string($te-label-keys-rtf)"/>

  <xsl:template name="te-label">
    <xsl:param name="k"/>
    <xsl:param name="n" select="''"/>
    <xsl:variable name="text">
      <xsl:for-each select="$te-labels-doc">
        <xsl:variable name="l" select="key('te-l', $k)"/>
        <xsl:choose>
          <xsl:when test="$l"><xsl:value-of select="$l/@*[local-name() = $te-ui-s]"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:value-of select="concat(substring-before(concat($text, '%n'), '%n'),
                                 substring($n, 1, string-length($n) * contains($text, '%n')),
                                 substring-after($text, '%n'))"/>
  </xsl:template>

  <!-- ===== Entry point ==================================================== -->
  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="site:archive | site:year | site:issue"><xsl:call-template name="html-browse-page"/></xsl:when>
      <xsl:when test="$article-id != ''"><xsl:call-template name="html-article-page"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="html-page"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Header facts (shared by the issue page and the index) =========== -->
  <!-- The newspaper's monogr: the biblStruct typed "newspaper" if there is one. -->
  <xsl:template name="te-monogr-title">
    <xsl:param name="h"/>
    <xsl:variable name="bs" select="($h/tei:fileDesc/tei:sourceDesc/tei:biblStruct[@type='newspaper'] | $h/tei:fileDesc/tei:sourceDesc/tei:biblStruct)[1]"/>
    <xsl:variable name="m" select="$bs/tei:monogr[1]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($m/tei:title[@level='j'][1])"><xsl:value-of select="normalize-space($m/tei:title[@level='j'][1])"/></xsl:when>
      <xsl:when test="normalize-space($m/tei:title[1])"><xsl:value-of select="normalize-space($m/tei:title[1])"/></xsl:when>
      <xsl:when test="normalize-space($h/tei:fileDesc/tei:sourceDesc/tei:bibl[1]/tei:title[1])">
        <xsl:value-of select="normalize-space($h/tei:fileDesc/tei:sourceDesc/tei:bibl[1]/tei:title[1])"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($h/tei:fileDesc/tei:titleStmt/tei:title[1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The issue's date element (imprint/date of the newspaper, else any sourceDesc date). -->
  <xsl:template name="te-issue-date">
    <xsl:param name="h"/>
    <xsl:param name="iso" select="false()"/>
    <xsl:variable name="same" select="count($h) = 1 and count($h | $te-header) = 1"/>
    <xsl:variable name="other" select="$h[not($same)]"/>
    <xsl:variable name="bs" select="$te-h-bs[$same] | ($other/tei:fileDesc/tei:sourceDesc/tei:biblStruct[@type='newspaper'] | $other/tei:fileDesc/tei:sourceDesc/tei:biblStruct)[1]"/>
    <xsl:variable name="d" select="$te-h-date[$same] | ($bs[not($same)]/tei:monogr/tei:imprint/tei:date | $other/tei:fileDesc/tei:sourceDesc//tei:date | $other/tei:fileDesc/tei:publicationStmt/tei:date)[1]"/>
    <xsl:variable name="inferred" select="$d/@cert = 'low' or $d/@cert = 'medium' or $bs/tei:note[@type='date']"/>
    <xsl:choose>
      <xsl:when test="$iso"><xsl:value-of select="normalize-space($d/@when)"/></xsl:when>
      <xsl:when test="normalize-space($d/@when)">
        <time datetime="{normalize-space($d/@when)}">
          <xsl:call-template name="te-format-date"><xsl:with-param name="when" select="normalize-space($d/@when)"/></xsl:call-template>
        </time>
        <xsl:if test="$inferred">
          <span class="te-gen te-inferred"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'inferred'"/></xsl:call-template></span>
        </xsl:if>
      </xsl:when>
      <xsl:when test="normalize-space($d) and not($d/@cert = 'unknown')"><xsl:value-of select="normalize-space($d)"/></xsl:when>
      <xsl:otherwise>
        <span class="te-gen te-not-known"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'date-unknown'"/></xsl:call-template></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "第1版" / "版次不详"; $plain gives the bare number for citations. -->
  <xsl:template name="te-page-no">
    <xsl:param name="h"/>
    <xsl:param name="plain" select="false()"/>
    <xsl:variable name="same" select="count($h) = 1 and count($h | $te-header) = 1"/>
    <xsl:variable name="s" select="$te-h-page[$same] | ($h[not($same)]/tei:fileDesc/tei:sourceDesc//tei:biblScope[@unit='page'])[1]"/>
    <xsl:variable name="n">
      <xsl:choose>
        <xsl:when test="normalize-space($s/@from)"><xsl:value-of select="normalize-space($s/@from)"/></xsl:when>
        <xsl:when test="normalize-space($s/@n)"><xsl:value-of select="normalize-space($s/@n)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space($s)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="known" select="$n != '' and $n != 'unknown' and not($s/@cert = 'unknown')"/>
    <xsl:choose>
      <xsl:when test="$plain"><xsl:if test="$known"><xsl:value-of select="$n"/></xsl:if></xsl:when>
      <xsl:when test="$known and translate($n, '0123456789', '') != ''"><xsl:value-of select="$n"/></xsl:when>
      <xsl:when test="$known">
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="'page-n-pre'"/></xsl:call-template>
        <xsl:value-of select="$n"/>
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="'page-n-post'"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$s or $h/tei:fileDesc/tei:sourceDesc/tei:biblStruct[@type='newspaper']">
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="'page-unknown'"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="te-issue-no">
    <xsl:param name="h"/>
    <xsl:variable name="same" select="count($h) = 1 and count($h | $te-header) = 1"/>
    <xsl:variable name="s" select="$te-h-issue[$same] | ($h[not($same)]/tei:fileDesc/tei:sourceDesc//tei:biblScope[@unit='issue'])[1]"/>
    <xsl:variable name="n" select="normalize-space($s)"/>
    <xsl:choose>
      <xsl:when test="$n = '' or $n = 'unknown'"/>
      <!-- "12345" becomes 第12345期; text that already says so ("第12345期") stays as it is. -->
      <xsl:when test="translate($n, '0123456789', '') = ''">
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="'issue-n-pre'"/></xsl:call-template>
        <xsl:value-of select="$n"/>
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="'issue-n-post'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 2022-08-26 → 2022年8月26日 (Chinese) or unchanged ISO (other languages). -->
  <xsl:template name="te-format-date">
    <xsl:param name="when"/>
    <xsl:variable name="shape" select="translate($when, '0123456789', 'dddddddddd')"/>
    <xsl:choose>
      <xsl:when test="$te-ui = 'zh' and $shape = 'dddd-dd-dd'">
        <xsl:value-of select="concat(substring($when, 1, 4), '年', number(substring($when, 6, 2)), '月', number(substring($when, 9, 2)), '日')"/>
      </xsl:when>
      <xsl:when test="$te-ui = 'zh' and $shape = 'dddd-dd'">
        <xsl:value-of select="concat(substring($when, 1, 4), '年', number(substring($when, 6, 2)), '月')"/>
      </xsl:when>
      <xsl:when test="$te-ui = 'zh' and $shape = 'dddd'"><xsl:value-of select="concat($when, '年')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$when"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- True ("1") when @when is a date HTML's <time datetime> accepts as written. -->
  <xsl:template name="te-html-date-ok">
    <xsl:param name="when"/>
    <xsl:variable name="shape" select="translate($when, '0123456789', 'dddddddddd')"/>
    <xsl:if test="$shape = 'dddd' or $shape = 'dddd-dd' or $shape = 'dddd-dd-dd' or $shape = '--dd-dd'">1</xsl:if>
  </xsl:template>

  <!-- ===== Context ======================================================== -->
  <!-- "1" when the element will sit inside phrasing content: below anything that renders
       as a <p>, a heading or an inline element. Inside those, HTML allows only phrasing
       content, so every block behaviour must draw a <span> instead (a figure, list,
       note or table in a TEI p, a p in a note in a p, ...). -->
  <!-- The TEI elements whose content is phrasing content in HTML (see te-in-phrase); a new
       inline element goes here. -->
  <xsl:variable name="te-phrase-names" select="concat(' ',
    'p ab head titlePart fw hi emph foreign term gloss mentioned soCalled persName orgName ',
    'placeName geogName roleName name rs surname forename addName genName num measure title ',
    'seg q said abbr expan choice sic corr orig reg unclear supplied add del w c pc author ',
    'editor publisher pubPlace authority distributor idno biblScope resp label extent funder ',
    'sponsor principal desc date time ref ptr figDesc ')"/>

  <xsl:template name="te-in-phrase">
    <!-- One contains() per ancestor instead of ~70 node tests (which were a third of the
         transform); the divisions and the document's frame, most ancestors, are ruled out
         by a node test before the name is looked up. -->
    <xsl:if test="ancestor::tei:*[not(self::tei:div or self::tei:body or self::tei:text or self::tei:TEI)
        and contains($te-phrase-names, concat(' ', local-name(), ' '))
        or self::tei:trailer[@type='kicker' or @type='column']
        or self::tei:byline[@rend='run-in']
        or self::tei:item[not(parent::tei:list)] or self::tei:row[not(parent::tei:table)]
        or self::tei:cell[not(parent::tei:row/parent::tei:table)]]">1</xsl:if>
  </xsl:template>

  <!-- id, lang and class for an output element. -->
  <xsl:template name="te-attrs">
    <xsl:param name="extra" select="''"/>
    <xsl:param name="id" select="@xml:id"/>
    <xsl:if test="normalize-space($id)"><xsl:attribute name="id"><xsl:value-of select="normalize-space($id)"/></xsl:attribute></xsl:if>
    <xsl:if test="@xml:lang"><xsl:attribute name="lang"><xsl:value-of select="@xml:lang"/></xsl:attribute></xsl:if>
    <xsl:attribute name="class">
      <xsl:call-template name="tei-class"><xsl:with-param name="extra" select="$extra"/></xsl:call-template>
    </xsl:attribute>
  </xsl:template>

  <!-- A stable id for divisions without xml:id (document position: the same in every build).
       The position is count(preceding::*) + count(ancestor::*) + 1; tei_edition/transform.py
       supplies it in constant time (tex:element-number), since counting walks the document
       once per division: 30,000 anonymous divisions would take minutes. -->
  <xsl:template name="te-id">
    <xsl:choose>
      <xsl:when test="normalize-space(@xml:id)"><xsl:value-of select="normalize-space(@xml:id)"/></xsl:when>
      <xsl:when test="function-available('tex:element-number')"><xsl:value-of select="concat('te-', local-name(), '-', tex:element-number(.))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('te-', local-name(), '-', count(preceding::*) + count(ancestor::*) + 1)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The heading of a division as plain text (TOC, citations, repeat summaries). -->
  <xsl:template name="te-div-title">
    <xsl:variable name="heads" select="tei:head"/>
    <xsl:variable name="t">
      <xsl:choose>
        <xsl:when test="$heads[@type='main']"><xsl:value-of select="normalize-space($heads[@type='main'][1])"/></xsl:when>
        <xsl:when test="$heads[not(@type='kicker' or @type='sub' or @type='column')]">
          <xsl:value-of select="normalize-space($heads[not(@type='kicker' or @type='sub' or @type='column')][1])"/>
        </xsl:when>
        <xsl:when test="$heads"><xsl:value-of select="normalize-space($heads[1])"/></xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="substring(normalize-space(.), 1, 24)"/>
          <xsl:if test="string-length(normalize-space(.)) &gt; 24">…</xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="$t"/>
  </xsl:template>

  <!-- A link target the reader may follow: fragment, http(s), mailto, or a relative path.
       Anything else (javascript:, data:, file:, //host) gives '' and no link is made. -->
  <xsl:template name="te-safe-url">
    <xsl:param name="url"/>
    <xsl:variable name="u" select="normalize-space($url)"/>
    <xsl:variable name="lower" select="translate($u, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="$u = ''"/>
      <xsl:when test="starts-with($u, '#')"><xsl:value-of select="$u"/></xsl:when>
      <xsl:when test="starts-with($lower, 'https://') or starts-with($lower, 'http://') or starts-with($lower, 'mailto:')"><xsl:value-of select="$u"/></xsl:when>
      <xsl:when test="not(contains($u, ':')) and not(starts-with($u, '//')) and not(contains($u, '\'))"><xsl:value-of select="$u"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Behaviours ===================================================== -->

  <xsl:template name="make-omit"/>

  <xsl:template name="make-container">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:element name="{substring('divspan', 1 + 3 * boolean(string($phrase)), 3 + boolean(string($phrase)))}">
      <xsl:call-template name="te-attrs"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A division: <article> for articles, <section> when headed, else <div>. Heads (and a
       kicker the extraction put at the end, as trailer) go first, in one <header> (not <hgroup>:
       the Nu checker we test with does not know hgroup's 2022 content model yet). -->
  <xsl:template name="make-section">
    <xsl:variable name="id"><xsl:call-template name="te-id"/></xsl:variable>
    <xsl:variable name="moved" select="tei:trailer[@type='kicker' or @type='column'][../tei:head]"/>
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="string($phrase)">span</xsl:when>
        <xsl:when test="@type = 'article'">article</xsl:when>
        <xsl:when test="tei:head">section</xsl:when>
        <xsl:otherwise>div</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:call-template name="te-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      <xsl:choose>
        <xsl:when test="string($phrase)">
          <xsl:for-each select="$moved">
            <xsl:call-template name="make-block"><xsl:with-param name="pulled" select="true()"/></xsl:call-template>
          </xsl:for-each>
          <xsl:apply-templates select="tei:head"/>
        </xsl:when>
        <xsl:when test="count(tei:head) + count($moved) &gt; 1">
          <header class="te-heads">
            <xsl:for-each select="$moved">
              <xsl:call-template name="make-block"><xsl:with-param name="pulled" select="true()"/></xsl:call-template>
            </xsl:for-each>
            <xsl:apply-templates select="tei:head"/>
          </header>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="tei:head"/></xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="node()[not(self::tei:head)]"/>
      <xsl:if test="@type = 'article' and not(string($phrase))">
        <xsl:call-template name="html-article-foot"><xsl:with-param name="id" select="$id"/></xsl:call-template>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- Permalink and citation under each article. The citations (GB/T 7714, Chicago,
       BibTeX, RIS) are on the article's own page, its permalink, where a reader who cites
       it lands (open there); on the whole page the foot links to them: the citations of
       every article would take a page twice as long to make. An article without a page
       of its own (a bare transform, a repeat) has them here, collapsed. -->
  <xsl:template name="html-article-foot">
    <xsl:param name="id"/>
    <xsl:variable name="url"><xsl:call-template name="te-permalink"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:variable>
    <xsl:variable name="elsewhere" select="$article-id != $id and $url != concat($page-href, '#', $id)"/>
    <footer class="te-gen te-article-foot"><xsl:call-template name="te-ui-lang"/>
      <a class="te-permalink">
        <xsl:attribute name="href">
          <xsl:choose>
            <xsl:when test="$elsewhere or $article-id = $id"><xsl:value-of select="$url"/></xsl:when>
            <xsl:otherwise>#<xsl:value-of select="$id"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="'permalink'"/></xsl:call-template>
      </a>
      <xsl:choose>
        <xsl:when test="$elsewhere">
          <a class="te-cite-link" href="{$url}#te-cite-{$id}"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'cite-article'"/></xsl:call-template></a>
        </xsl:when>
        <xsl:otherwise>
          <details class="te-cite" id="te-cite-{$id}">
            <xsl:if test="$article-id = $id"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
            <summary><xsl:call-template name="te-label"><xsl:with-param name="k" select="'cite-article'"/></xsl:call-template></summary>
            <xsl:call-template name="te-citation"><xsl:with-param name="id" select="$id"/></xsl:call-template>
          </details>
        </xsl:otherwise>
      </xsl:choose>
    </footer>
  </xsl:template>

  <!-- The address of an article (ID, the context its div) or, with ID '', of the page: the
       article's own page where the site made one, else a fragment of this page. -->
  <xsl:template name="te-permalink">
    <xsl:param name="id" select="''"/>
    <xsl:choose>
      <xsl:when test="$id = '' or $article-id = $id"><xsl:value-of select="$page-href"/></xsl:when>
      <xsl:when test="$articles-href != '' and not(@copyOf) and string(@xml:id) = $id">
        <xsl:value-of select="concat($articles-href, $id, '.html')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($page-href, '#', $id)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Citations ===================================================== -->
  <!-- What a citation is made of, as one element, so that every form (GB/T 7714, Chicago,
       BibTeX, RIS, the meta tags) says the same: the context is an article div (ID its
       id) or, with ID '', the root for the whole page.
         <c rel="permalink, relative" url="absolute address or ''" title="…" key="…">
           <a>author</a>…   (the article's biblStruct authors, else its byline's names)
         </c>
       Paper, date, page, publisher and place are the page's ($te-paper, …). -->
  <xsl:template name="te-cite-facts">
    <xsl:param name="id" select="''"/>
    <xsl:variable name="bibl-id">
      <xsl:call-template name="te-pointer-id"><xsl:with-param name="ptr" select="@decls"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="bibl" select="key('te-id', $bibl-id)[$id != '']"/>
    <xsl:variable name="rel"><xsl:call-template name="te-permalink"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:variable>
    <c rel="{$rel}" key="{concat('te-', translate($te-date-iso, '-', ''), substring('-p', 1, 2 * ($te-page-plain != '')), $te-page-plain, substring('-', 1, $id != ''), $id)}">
      <xsl:if test="$dir-url != ''"><xsl:attribute name="url"><xsl:value-of select="concat($dir-url, $rel)"/></xsl:attribute></xsl:if>
      <xsl:if test="$id != ''">
        <xsl:attribute name="title">
          <xsl:choose>
            <xsl:when test="normalize-space($bibl/tei:analytic/tei:title[1])"><xsl:value-of select="normalize-space($bibl/tei:analytic/tei:title[1])"/></xsl:when>
            <xsl:otherwise><xsl:call-template name="te-div-title"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$bibl/tei:analytic/tei:author">
          <xsl:for-each select="$bibl/tei:analytic/tei:author"><a><xsl:value-of select="normalize-space(.)"/></a></xsl:for-each>
        </xsl:when>
        <xsl:when test="$id != ''">
          <xsl:for-each select="tei:byline//tei:persName"><a><xsl:value-of select="normalize-space(.)"/></a></xsl:for-each>
        </xsl:when>
      </xsl:choose>
    </c>
  </xsl:template>

  <!-- The citations of an article (or, with ID '', of the page): GB/T 7714-2015 for an
       online newspaper article ([N/OL], the access date, an inferred date in brackets),
       Chicago (bibliography form), and for an article BibTeX and RIS to download (data:
       links: the static site needs no file per article, and the browser saves them). -->
  <xsl:template name="te-citation">
    <xsl:param name="id" select="''"/>
    <xsl:variable name="facts-rtf"><xsl:call-template name="te-cite-facts"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:variable>
    <xsl:variable name="c" select="exsl:node-set($facts-rtf)/c"/>
    <p class="te-cite-text te-cite-gbt">
      <span class="te-cite-style"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'cite-gbt'"/></xsl:call-template></span>
      <xsl:text> </xsl:text>
      <xsl:call-template name="te-cite-gbt"><xsl:with-param name="c" select="$c"/></xsl:call-template>
    </p>
    <p class="te-cite-text te-cite-chicago">
      <span class="te-cite-style"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'cite-chicago'"/></xsl:call-template></span>
      <xsl:text> </xsl:text>
      <xsl:call-template name="te-cite-chicago"><xsl:with-param name="c" select="$c"/></xsl:call-template>
    </p>
    <xsl:if test="$id != ''">
      <p class="te-cite-downloads">
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="'cite-download'"/></xsl:call-template>
        <xsl:variable name="bibtex"><xsl:call-template name="te-cite-bibtex"><xsl:with-param name="c" select="$c"/></xsl:call-template></xsl:variable>
        <xsl:variable name="ris"><xsl:call-template name="te-cite-ris"><xsl:with-param name="c" select="$c"/></xsl:call-template></xsl:variable>
        <a class="te-cite-bibtex" download="{$c/@key}.bib" type="application/x-bibtex"
           href="{concat('data:application/x-bibtex;charset=utf-8,', str:encode-uri($bibtex, true()))}"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'cite-bibtex'"/></xsl:call-template></a>
        <xsl:text> · </xsl:text>
        <a class="te-cite-ris" download="{$c/@key}.ris" type="application/x-research-info-systems"
           href="{concat('data:application/x-research-info-systems;charset=utf-8,', str:encode-uri($ris, true()))}"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'cite-ris'"/></xsl:call-template></a>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- GB/T 7714-2015, 8.1.1 and 4.4 (连续出版物中的析出文献, an online newspaper):
         刘爽. 题名[N/OL]. 四平日报, 2022-08-26(1)[引用日期]. 网址.
       no author: the title first; more than three: the first three and “等”; an inferred
       date in square brackets; the whole page: 报名[N/OL]. 出版地: 出版者, 日期(版次)…
       The access date is the reader's: the script writes today's date. -->
  <xsl:template name="te-cite-gbt">
    <xsl:param name="c"/>
    <xsl:for-each select="$c/a[position() &lt;= 3]">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
    <xsl:if test="count($c/a) &gt; 3">
      <xsl:choose>
        <xsl:when test="starts-with($te-lang, 'zh')">, 等</xsl:when>
        <xsl:otherwise>, et al</xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:if test="$c/a">. </xsl:if>
    <xsl:choose>
      <xsl:when test="$c/@title">
        <xsl:value-of select="$c/@title"/>
        <xsl:text>[N/OL]. </xsl:text>
        <xsl:if test="$te-paper != ''"><xsl:value-of select="$te-paper"/>, </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$te-paper"/>
        <xsl:text>[N/OL]. </xsl:text>
        <xsl:if test="$te-place != '' and $te-publisher != ''"><xsl:value-of select="concat($te-place, ': ', $te-publisher, ', ')"/></xsl:if>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$te-date-iso != ''">
      <xsl:choose>
        <xsl:when test="$te-date-inferred"><xsl:value-of select="concat('[', $te-date-iso, ']')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$te-date-iso"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
    <xsl:if test="$te-page-plain != ''"><xsl:value-of select="concat('(', $te-page-plain, ')')"/></xsl:if>
    <xsl:text>[</xsl:text>
    <span class="te-cite-accessed"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'access-date'"/></xsl:call-template></span>
    <xsl:text>]. </xsl:text>
    <xsl:call-template name="te-cite-url"><xsl:with-param name="c" select="$c"/></xsl:call-template>
    <xsl:text>.</xsl:text>
  </xsl:template>

  <!-- The address in a citation: the absolute one (a base URL is set), else a note that it
       is not known, with the relative permalink; the script puts in the address the reader
       sees when the page came over http(s), never a file: address. -->
  <xsl:template name="te-cite-url">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c/@url"><span class="te-cite-url"><xsl:value-of select="$c/@url"/></span></xsl:when>
      <xsl:otherwise>
        <span class="te-cite-url te-cite-url-unknown" data-href="{$c/@rel}">
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'url-unknown'"/><xsl:with-param name="n" select="$c/@rel"/></xsl:call-template>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Chicago (17th ed., 14.191, bibliography): 刘爽. “题名.” <i>四平日报</i>, August 26, 2022.
       URL. Two authors joined by “and”, more by commas and “and”; a supplied (inferred)
       date in brackets; the whole page adds its page number. -->
  <xsl:template name="te-cite-chicago">
    <xsl:param name="c"/>
    <xsl:for-each select="$c/a">
      <xsl:if test="position() &gt; 1 and last() &gt; 2">, </xsl:if>
      <xsl:if test="position() &gt; 1 and position() = last()"><xsl:if test="last() = 2"><xsl:text> </xsl:text></xsl:if>and </xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
    <xsl:if test="$c/a">. </xsl:if>
    <xsl:if test="$c/@title"><xsl:value-of select="concat('“', $c/@title, '.” ')"/></xsl:if>
    <i><xsl:value-of select="$te-paper"/></i>
    <xsl:if test="$te-date-iso != ''">
      <xsl:text>, </xsl:text>
      <span lang="en">
        <xsl:if test="$te-date-inferred">[</xsl:if>
        <xsl:call-template name="te-english-date"><xsl:with-param name="when" select="$te-date-iso"/></xsl:call-template>
        <xsl:if test="$te-date-inferred">]</xsl:if>
      </span>
    </xsl:if>
    <xsl:if test="not($c/@title) and $te-page-plain != ''">
      <xsl:text>, </xsl:text><span lang="en">p. </span><xsl:value-of select="$te-page-plain"/>
    </xsl:if>
    <xsl:text>.</xsl:text>
    <xsl:if test="$c/@url"><xsl:text> </xsl:text><span class="te-cite-url"><xsl:value-of select="$c/@url"/></span>.</xsl:if>
  </xsl:template>

  <!-- 2022-08-26 → August 26, 2022 (2022-08 → August 2022). -->
  <xsl:template name="te-english-date">
    <xsl:param name="when"/>
    <xsl:variable name="shape" select="translate($when, '0123456789', 'dddddddddd')"/>
    <xsl:variable name="m" select="number(substring($when, 6, 2))"/>
    <xsl:variable name="month" select="normalize-space(substring('January  February March    April    May      June     July     August   SeptemberOctober  November December ', 9 * $m - 8, 9))"/>
    <xsl:choose>
      <xsl:when test="$shape = 'dddd-dd-dd'"><xsl:value-of select="concat($month, ' ', number(substring($when, 9, 2)), ', ', substring($when, 1, 4))"/></xsl:when>
      <xsl:when test="$shape = 'dddd-dd'"><xsl:value-of select="concat($month, ' ', substring($when, 1, 4))"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$when"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- BibTeX (biblatex's date field, and year/month for BibTeX): an @article in the
       newspaper, its values in braces with TeX's special characters escaped. -->
  <xsl:template name="te-cite-bibtex">
    <xsl:param name="c"/>
    <xsl:value-of select="concat('@article{', $c/@key, ',&#10;')"/>
    <xsl:if test="$c/a">
      <xsl:text>  author = {</xsl:text>
      <xsl:for-each select="$c/a">
        <xsl:if test="position() &gt; 1"> and </xsl:if>
        <xsl:call-template name="te-bib-value"><xsl:with-param name="v" select="."/></xsl:call-template>
      </xsl:for-each>
      <xsl:text>},&#10;</xsl:text>
    </xsl:if>
    <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'title'"/><xsl:with-param name="v" select="string($c/@title)"/></xsl:call-template>
    <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'journal'"/><xsl:with-param name="v" select="$te-paper"/></xsl:call-template>
    <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'date'"/><xsl:with-param name="v" select="$te-date-iso"/></xsl:call-template>
    <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'year'"/><xsl:with-param name="v" select="substring($te-date-iso, 1, 4)"/></xsl:call-template>
    <xsl:if test="string-length($te-date-iso) &gt;= 7">
      <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'month'"/><xsl:with-param name="v" select="string(number(substring($te-date-iso, 6, 2)))"/></xsl:call-template>
    </xsl:if>
    <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'pages'"/><xsl:with-param name="v" select="$te-page-plain"/></xsl:call-template>
    <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'publisher'"/><xsl:with-param name="v" select="$te-publisher"/></xsl:call-template>
    <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'url'"/><xsl:with-param name="v" select="string($c/@url)"/></xsl:call-template>
    <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'langid'"/><xsl:with-param name="v" select="substring($te-lang, 1, string-length($te-lang) * ($te-lang != 'und'))"/></xsl:call-template>
    <xsl:if test="$te-date-inferred and $te-date-iso != ''">
      <xsl:call-template name="te-bib-field"><xsl:with-param name="k" select="'note'"/><xsl:with-param name="v"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'inferred-note'"/></xsl:call-template></xsl:with-param></xsl:call-template>
    </xsl:if>
    <xsl:text>}&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="te-bib-field">
    <xsl:param name="k"/>
    <xsl:param name="v"/>
    <xsl:if test="normalize-space($v) != ''">
      <xsl:value-of select="concat('  ', $k, ' = {')"/>
      <xsl:call-template name="te-bib-value"><xsl:with-param name="v" select="$v"/></xsl:call-template>
      <xsl:text>},&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A value inside braces: \ { } and TeX's special characters escaped (rare in a
       newspaper's headline, so tested for first). A brace becomes \textbraceleft{} or
       \textbraceright{}, not \{ or \}: BibTeX and biber count a brace after a backslash
       too, so one unpaired \{ would swallow the rest of the entry. The three commands
       are first written with a trailing space (no brace), their {} added last. -->
  <xsl:template name="te-bib-value">
    <xsl:param name="v"/>
    <xsl:variable name="s" select="normalize-space($v)"/>
    <xsl:choose>
      <xsl:when test="translate($s, '\{}%&amp;$#_^~', '') = $s"><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="braced" select="str:replace(str:replace(str:replace($s, '\', '\textbackslash '),
            '{', '\textbraceleft '), '}', '\textbraceright ')"/>
        <xsl:value-of select="str:replace(str:replace(str:replace(str:replace(str:replace(str:replace(str:replace(str:replace(str:replace(
            str:replace($braced, '\textbackslash ', '\textbackslash{}'), '\textbraceleft ', '\textbraceleft{}'),
            '\textbraceright ', '\textbraceright{}'),
            '%', '\%'), '&amp;', '\&amp;'), '$', '\$'), '#', '\#'), '_', '\_'), '^', '\^{}'), '~', '\textasciitilde{}')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- RIS: TY NEWS, one tag a line, ER last. -->
  <xsl:template name="te-cite-ris">
    <xsl:param name="c"/>
    <xsl:text>TY  - NEWS&#10;</xsl:text>
    <xsl:for-each select="$c/a"><xsl:value-of select="concat('AU  - ', ., '&#10;')"/></xsl:for-each>
    <xsl:if test="$c/@title"><xsl:value-of select="concat('TI  - ', $c/@title, '&#10;')"/></xsl:if>
    <xsl:if test="$te-paper != ''"><xsl:value-of select="concat('T2  - ', $te-paper, '&#10;')"/></xsl:if>
    <xsl:if test="$te-date-iso != ''">
      <xsl:value-of select="concat('PY  - ', substring($te-date-iso, 1, 4), '&#10;DA  - ', translate($te-date-iso, '-', '/'), '&#10;')"/>
    </xsl:if>
    <xsl:if test="$te-page-plain != ''"><xsl:value-of select="concat('SP  - ', $te-page-plain, '&#10;')"/></xsl:if>
    <xsl:if test="$te-publisher != ''"><xsl:value-of select="concat('PB  - ', $te-publisher, '&#10;')"/></xsl:if>
    <xsl:if test="$te-place != ''"><xsl:value-of select="concat('CY  - ', $te-place, '&#10;')"/></xsl:if>
    <xsl:if test="$c/@url"><xsl:value-of select="concat('UR  - ', $c/@url, '&#10;')"/></xsl:if>
    <xsl:if test="$te-lang != 'und'"><xsl:value-of select="concat('LA  - ', $te-lang, '&#10;')"/></xsl:if>
    <xsl:if test="$te-date-inferred and $te-date-iso != ''">
      <xsl:text>N1  - </xsl:text>
      <xsl:call-template name="te-label"><xsl:with-param name="k" select="'inferred-note'"/></xsl:call-template>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:text>ER  - &#10;</xsl:text>
  </xsl:template>

  <!-- Headings: within a division one head is the headline (h2 for an article, deeper
       for nested divisions); kicker, subtitle and column name are paragraphs beside it. -->
  <xsl:template name="make-heading">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:variable name="heads" select="../tei:head"/>
    <xsl:variable name="primary" select="($heads[@type='main'] | $heads[not($heads[@type='main'])][not(@type='kicker' or @type='sub' or @type='column')] | $heads[not($heads[not(@type='kicker' or @type='sub' or @type='column')])])[1]"/>
    <xsl:variable name="in-division" select="parent::tei:div or parent::tei:div1 or parent::tei:div2 or parent::tei:div3 or parent::tei:div4 or parent::tei:div5 or parent::tei:div6 or parent::tei:div7 or parent::tei:body or parent::tei:front or parent::tei:back or parent::tei:floatingText"/>
    <xsl:variable name="depth" select="count(ancestor::tei:div | ancestor::tei:div1 | ancestor::tei:div2 | ancestor::tei:div3 | ancestor::tei:div4 | ancestor::tei:div5 | ancestor::tei:div6 | ancestor::tei:div7 | ancestor::tei:floatingText) + 1"/>
    <xsl:variable name="level">
      <xsl:choose>
        <xsl:when test="$depth &lt; 2">2</xsl:when>
        <xsl:when test="$depth &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="$depth"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="string($phrase)">span</xsl:when>
        <xsl:when test="$in-division and generate-id(.) = generate-id($primary)">h<xsl:value-of select="$level"/></xsl:when>
        <xsl:otherwise>p</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:call-template name="te-attrs"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A headline's text (a head's, or a kicker's or column name's the extraction put after
       its article) with the places a browser may break it: a <wbr> at the word boundaries
       between which a line may end, a no-break space where a break would leave a line of
       one or two characters (tex:phrase-breaks in tei_edition/transform.py, from
       tei_edition/phrases.py web_breaks; see te-wbr). edition.css sets headlines `word-break: keep-all`
       (a break only at spaces, punctuation and <wbr>) and `text-wrap: balance`. Only the
       web layer has the function: print.xsl's heads are broken by pdf.py at the width of
       their column, so they keep their text as it is. -->
  <xsl:template match="tei:head//text() | tei:trailer[@type='kicker' or @type='column']//text()">
    <xsl:choose>
      <xsl:when test="not(function-available('tex:phrase-breaks'))"><xsl:value-of select="."/></xsl:when>
      <!-- the whole of the headline: each phrase its own box (te-phrases) -->
      <xsl:when test="not(../*) and (parent::tei:head or parent::tei:trailer)">
        <xsl:call-template name="te-phrases"><xsl:with-param name="s" select="tex:phrase-breaks(., ..)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="te-wbr"><xsl:with-param name="s" select="tex:phrase-breaks(., (ancestor::tei:head | ancestor::tei:trailer)[last()])"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A headline's phrases (between the editor's spaces) each in a box of its own
       (span.te-phrase, an inline block in edition.css): a phrase that fits on the line is
       never broken, so the line breaks at the space between phrases, as a newspaper
       breaks its headlines; a phrase longer than the line breaks inside its box, between
       words (te-wbr). -->
  <xsl:template name="te-phrases">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')">
        <xsl:variable name="phrase" select="substring-before($s, ' ')"/>
        <xsl:if test="$phrase != ''">
          <span class="te-phrase"><xsl:call-template name="te-wbr"><xsl:with-param name="s" select="$phrase"/></xsl:call-template></span>
        </xsl:if>
        <xsl:text> </xsl:text>
        <xsl:call-template name="te-phrases"><xsl:with-param name="s" select="substring-after($s, ' ')"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$s != ''">
        <span class="te-phrase"><xsl:call-template name="te-wbr"><xsl:with-param name="s" select="$s"/></xsl:call-template></span>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The same for a headline given as a string (contents, lists of articles). -->
  <xsl:template name="te-breakable">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="function-available('tex:phrase-breaks')"><xsl:call-template name="te-phrases"><xsl:with-param name="s" select="tex:phrase-breaks(string($text))"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The function's answer: the text with U+E000 where a <wbr> goes. (A string costs the
       transform less than elements made in Python and copied in.) -->
  <xsl:template name="te-wbr">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&#xE000;')">
        <xsl:value-of select="substring-before($s, '&#xE000;')"/>
        <wbr/>
        <xsl:call-template name="te-wbr"><xsl:with-param name="s" select="substring-after($s, '&#xE000;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Paragraphs. A run-in byline just before (本报讯（记者 …）) is drawn back inside. -->
  <xsl:template name="make-paragraph">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:element name="{substring('pspan', 1 + boolean(string($phrase)), 1 + 3 * boolean(string($phrase)))}">
      <xsl:call-template name="te-attrs">
        <xsl:with-param name="extra"><xsl:if test="@part"><xsl:value-of select="concat('te-part-', @part)"/></xsl:if></xsl:with-param>
      </xsl:call-template>
      <xsl:for-each select="preceding-sibling::*[1][self::tei:byline[@rend='run-in']]">
        <xsl:call-template name="make-block"><xsl:with-param name="pulled" select="true()"/></xsl:call-template>
      </xsl:for-each>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Generic blocks. Two are drawn elsewhere and skipped where they stand: a run-in
       byline (inside the next p) and a kicker/column trailer (above the heads); those
       callers pass $pulled. -->
  <xsl:template name="make-block">
    <xsl:param name="pulled" select="false()"/>
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:variable name="run-in" select="self::tei:byline[@rend='run-in'] and following-sibling::*[1][self::tei:p]"/>
    <xsl:variable name="moved" select="self::tei:trailer[@type='kicker' or @type='column'][../tei:head]
        [parent::tei:div or parent::tei:div1 or parent::tei:div2 or parent::tei:div3 or parent::tei:div4
         or parent::tei:div5 or parent::tei:div6 or parent::tei:div7 or parent::tei:floatingText]"/>
    <xsl:choose>
      <xsl:when test="not($pulled) and ($run-in or $moved)"/>
      <xsl:when test="$pulled and $run-in">
        <span>
          <xsl:call-template name="te-attrs"><xsl:with-param name="extra" select="'te-run-in'"/></xsl:call-template>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:when test="$pulled and $moved">
        <xsl:element name="{substring('pspan', 1 + boolean(string($phrase)), 1 + 3 * boolean(string($phrase)))}">
          <xsl:call-template name="te-attrs"><xsl:with-param name="extra" select="'te-moved'"/></xsl:call-template>
          <span class="te-moved-text"><xsl:apply-templates/></span>
          <span class="te-gen te-moved-note">
            <xsl:call-template name="te-label"><xsl:with-param name="k" select="'moved'"/></xsl:call-template>
          </span>
        </xsl:element>
      </xsl:when>
      <xsl:when test="self::tei:figDesc and not(string($phrase))">
        <p>
          <xsl:call-template name="te-attrs"/>
          <span class="te-gen te-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'figdesc'"/></xsl:call-template></span>
          <xsl:apply-templates/>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{substring('divspan', 1 + 3 * boolean(string($phrase)), 3 + boolean(string($phrase)))}">
          <xsl:call-template name="te-attrs"/>
          <xsl:apply-templates/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="make-inline">
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="self::tei:emph">em</xsl:when>
        <xsl:when test="self::tei:del">del</xsl:when>
        <xsl:when test="self::tei:add">ins</xsl:when>
        <xsl:when test="self::tei:abbr">abbr</xsl:when>
        <xsl:when test="self::tei:title">cite</xsl:when>
        <xsl:when test="self::tei:num and normalize-space(@value) != ''">data</xsl:when>
        <xsl:otherwise>span</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:call-template name="te-attrs">
        <xsl:with-param name="extra">
          <xsl:if test="normalize-space(@rend)"><xsl:value-of select="concat('rend-', translate(normalize-space(@rend), ' ', '_'))"/></xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="$el = 'data'"><xsl:attribute name="value"><xsl:value-of select="normalize-space(@value)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Dates keep their machine-readable value: <time datetime> where HTML accepts it. -->
  <xsl:template name="make-date">
    <xsl:variable name="when" select="normalize-space(@when)"/>
    <xsl:variable name="ok"><xsl:call-template name="te-html-date-ok"><xsl:with-param name="when" select="$when"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($ok)">
        <time datetime="{$when}">
          <xsl:call-template name="te-attrs"/>
          <xsl:apply-templates/>
        </time>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="te-attrs"/>
          <xsl:if test="$when != ''"><xsl:attribute name="data-when"><xsl:value-of select="$when"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Page furniture: inside a paragraph it stays inline; at block level it is gathered
       at the foot of the page (html-furniture calls this with $at-foot). -->
  <xsl:template name="make-furniture">
    <xsl:param name="at-foot" select="false()"/>
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($phrase)">
        <span><xsl:call-template name="te-attrs"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="$at-foot">
        <p>
          <xsl:call-template name="te-attrs"/>
          <xsl:if test="@type = 'pageNum' or @type = 'header' or @type = 'footer' or @type = 'catch' or @type = 'sig'">
            <span class="te-gen te-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="concat('fw-', @type)"/></xsl:call-template></span>
          </xsl:if>
          <xsl:apply-templates/>
        </p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Breaks of the source (page, column, line). Hidden unless the reader turns on the
       break switch; hidden means display:none, so a cb inside a word adds no space. -->
  <xsl:template name="make-break">
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="self::tei:pb and normalize-space(@n)">
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'pb'"/><xsl:with-param name="n" select="normalize-space(@n)"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="self::tei:pb"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'pb-none'"/></xsl:call-template></xsl:when>
        <xsl:when test="self::tei:cb"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'cb'"/></xsl:call-template></xsl:when>
        <xsl:when test="self::tei:lb"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'lb'"/></xsl:call-template></xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'milestone'"/></xsl:call-template>
          <xsl:if test="@unit"> <xsl:value-of select="@unit"/></xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="self::tei:lb and not(@break = 'no')"><br class="tei-lb"/></xsl:if>
    <span>
      <xsl:call-template name="te-attrs">
        <xsl:with-param name="extra">te-break<xsl:if test="@break = 'no'"> te-break-inword</xsl:if></xsl:with-param>
      </xsl:call-template>
      <xsl:if test="normalize-space(@n)"><xsl:attribute name="data-n"><xsl:value-of select="normalize-space(@n)"/></xsl:attribute></xsl:if>
      <span class="te-gen te-break-label">〔<xsl:value-of select="$label"/>〕</span>
    </span>
  </xsl:template>

  <xsl:template name="make-note">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:element name="{substring('divspan', 1 + 3 * boolean(string($phrase)), 3 + boolean(string($phrase)))}">
      <xsl:call-template name="te-attrs"/>
      <xsl:attribute name="role">note</xsl:attribute>
      <span class="te-gen te-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'note'"/></xsl:call-template></span>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- ref/ptr: a link only when the target is safe to follow (see te-safe-url). -->
  <xsl:template name="make-link">
    <xsl:variable name="href"><xsl:call-template name="te-safe-url"><xsl:with-param name="url" select="@target"/></xsl:call-template></xsl:variable>
    <xsl:variable name="el"><xsl:choose><xsl:when test="$href != ''">a</xsl:when><xsl:otherwise>span</xsl:otherwise></xsl:choose></xsl:variable>
    <xsl:element name="{$el}">
      <xsl:if test="$href != ''"><xsl:attribute name="href"><xsl:value-of select="$href"/></xsl:attribute></xsl:if>
      <xsl:call-template name="te-attrs"/>
      <xsl:if test="$href = '' and normalize-space(@target)"><xsl:attribute name="data-target"><xsl:value-of select="normalize-space(@target)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
      <xsl:if test="self::tei:ptr"><span class="te-gen"><xsl:value-of select="normalize-space(@target)"/></span></xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template name="make-list">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($phrase)">
        <span><xsl:call-template name="te-attrs"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <div>
          <xsl:call-template name="te-attrs"/>
          <xsl:apply-templates select="tei:head"/>
          <xsl:element name="{substring('ulol', 1 + 2 * boolean(@type='ordered' or @type='numbered' or contains(@rend, 'numbered')), 2)}">
            <xsl:for-each select="node()[not(self::tei:head)]">
              <xsl:choose>
                <xsl:when test="self::tei:item or (self::text() and normalize-space(.) = '')"><xsl:apply-templates select="."/></xsl:when>
                <xsl:when test="self::comment() or self::processing-instruction()"/>
                <xsl:otherwise><li class="te-list-other"><xsl:apply-templates select="."/></li></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:element>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="make-item">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:element name="{substring('lispan', 1 + 2 * boolean(string($phrase) or not(parent::tei:list)), 2 + 2 * boolean(string($phrase) or not(parent::tei:list)))}">
      <xsl:call-template name="te-attrs"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Figures: image (if a local one exists) or a placeholder, then the caption with its
       credit and description. -->
  <xsl:template name="make-figure">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($phrase)">
        <span><xsl:call-template name="te-attrs"/><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <figure>
          <xsl:call-template name="te-attrs"/>
          <xsl:choose>
            <xsl:when test="tei:graphic"><xsl:apply-templates select="tei:graphic"/></xsl:when>
            <xsl:otherwise>
              <div class="te-gen te-figure-missing">
                <xsl:call-template name="te-label"><xsl:with-param name="k" select="'figure-missing'"/></xsl:call-template>
              </div>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="node()[not(self::tei:graphic)][normalize-space(.) != '' or self::*]">
            <figcaption>
              <xsl:apply-templates select="node()[not(self::tei:graphic)]"/>
            </figcaption>
          </xsl:if>
        </figure>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Only images stored beside the page are shown: a remote URL would make the page
       fetch from the network, so it becomes a link the reader may choose to follow. -->
  <xsl:template name="make-graphic">
    <xsl:variable name="url" select="normalize-space(@url)"/>
    <xsl:variable name="safe"><xsl:call-template name="te-safe-url"><xsl:with-param name="url" select="$url"/></xsl:call-template></xsl:variable>
    <xsl:variable name="relative" select="$safe != '' and not(contains($safe, ':')) and not(starts-with($safe, '#'))"/>
    <xsl:variable name="local" select="$relative and ($media-available = '*' or contains($media-available, concat('&#10;', $url, '&#10;')))"/>
    <xsl:variable name="alt">
      <xsl:choose>
        <xsl:when test="tei:desc"><xsl:value-of select="normalize-space(tei:desc)"/></xsl:when>
        <xsl:when test="../tei:figDesc"><xsl:value-of select="normalize-space(../tei:figDesc)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(../tei:p[1])"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$local">
        <img src="{$media-href}{$safe}" alt="{$alt}" loading="lazy">
          <xsl:call-template name="te-attrs"/>
        </img>
      </xsl:when>
      <xsl:when test="$safe != '' and not($relative)">
        <a href="{$safe}" rel="noreferrer">
          <xsl:call-template name="te-attrs"/>
          <span class="te-gen"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'external-image'"/></xsl:call-template></span>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="te-attrs"/>
          <span class="te-gen"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'figure-missing'"/></xsl:call-template></span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Gaps: a visible editorial mark 〔…〕 with its explanation in words. -->
  <xsl:template name="make-gap">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:variable name="block" select="not(string($phrase))"/>
    <xsl:element name="{substring('pspan', 1 + boolean(not($block)), 1 + 3 * boolean(not($block)))}">
      <xsl:call-template name="te-attrs"/>
      <span class="te-gen te-gap-mark" aria-hidden="true">〔…〕</span>
      <xsl:if test="self::tei:gap">
        <span class="te-gen te-gap-note">
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'gap'"/></xsl:call-template>
          <xsl:variable name="reason" select="normalize-space(@reason)"/>
          <xsl:call-template name="te-label">
            <xsl:with-param name="k">
              <xsl:choose>
                <xsl:when test="$reason = 'illegible' or $reason = 'damage'"><xsl:value-of select="concat('gap-', $reason)"/></xsl:when>
                <xsl:when test="$reason = 'missing' or $reason = ''">gap-missing</xsl:when>
                <xsl:otherwise>gap-other</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:variable name="amount" select="normalize-space(@quantity | @extent[not(../@quantity)])"/>
          <xsl:choose>
            <xsl:when test="($amount = '' or $amount = 'unknown') and contains($te-label-keys, concat('|gap-extent-unknown-', normalize-space(@unit), '|'))">
              <xsl:call-template name="te-label"><xsl:with-param name="k" select="concat('gap-extent-unknown-', normalize-space(@unit))"/></xsl:call-template>
            </xsl:when>
            <xsl:when test="$amount = '' or $amount = 'unknown'">
              <xsl:call-template name="te-label"><xsl:with-param name="k" select="'gap-extent-unknown'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:text>（</xsl:text>
              <xsl:value-of select="$amount"/>
              <xsl:call-template name="te-label"><xsl:with-param name="k" select="concat('unit-', normalize-space(@unit))"/></xsl:call-template>
              <xsl:text>）</xsl:text>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$te-ui = 'zh'">。</xsl:if>
        </span>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template name="make-table">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($phrase)"><span><xsl:call-template name="te-attrs"/><xsl:apply-templates/></span></xsl:when>
      <xsl:otherwise>
        <table>
          <xsl:call-template name="te-attrs"/>
          <xsl:if test="tei:head">
            <caption><xsl:for-each select="tei:head"><xsl:apply-templates/></xsl:for-each></caption>
          </xsl:if>
          <tbody>
            <xsl:for-each select="node()[not(self::tei:head)]">
              <xsl:choose>
                <xsl:when test="self::tei:row or (self::text() and normalize-space(.) = '')"><xsl:apply-templates select="."/></xsl:when>
                <xsl:when test="self::comment() or self::processing-instruction()"/>
                <xsl:otherwise><tr class="te-table-other"><td><xsl:apply-templates select="."/></td></tr></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="make-row">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="parent::tei:table and not(string($phrase))">
        <tr><xsl:call-template name="te-attrs"/>
          <xsl:for-each select="node()">
            <xsl:choose>
              <xsl:when test="self::tei:cell or (self::text() and normalize-space(.) = '')"><xsl:apply-templates select="."/></xsl:when>
              <xsl:when test="self::comment() or self::processing-instruction()"/>
              <xsl:otherwise><td class="te-table-other"><xsl:apply-templates select="."/></td></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </tr>
      </xsl:when>
      <xsl:otherwise><span><xsl:call-template name="te-attrs"/><xsl:apply-templates/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="make-cell">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:variable name="el">
      <xsl:choose>
        <xsl:when test="not(parent::tei:row/parent::tei:table) or string($phrase)">span</xsl:when>
        <xsl:when test="@role = 'label' or ../@role = 'label'">th</xsl:when>
        <xsl:otherwise>td</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$el}">
      <xsl:call-template name="te-attrs"/>
      <xsl:if test="$el != 'span' and number(@cols) &gt; 1"><xsl:attribute name="colspan"><xsl:value-of select="number(@cols)"/></xsl:attribute></xsl:if>
      <xsl:if test="$el != 'span' and number(@rows) &gt; 1"><xsl:attribute name="rowspan"><xsl:value-of select="number(@rows)"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Elements no template names (other projects' TEI, other namespaces): kept, with their
       name as class, as a block or an inline by context. Nothing is dropped. -->
  <xsl:template name="make-fallback">
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:element name="{substring('divspan', 1 + 3 * boolean(string($phrase)), 3 + boolean(string($phrase)))}">
      <xsl:call-template name="te-attrs"><xsl:with-param name="extra" select="'te-unknown'"/></xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- Repeats (@copyOf): the original is shown once; the repeat stays in the page, collapsed,
       with a link to the original (it may hold words the original lost). -->
  <xsl:template name="make-repeat">
    <xsl:param name="as"/>
    <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
    <xsl:variable name="target-id"><xsl:call-template name="te-pointer-id"><xsl:with-param name="ptr" select="@copyOf"/></xsl:call-template></xsl:variable>
    <xsl:variable name="target" select="key('te-id', $target-id)"/>
    <xsl:choose>
      <xsl:when test="string($phrase)">
        <span class="te-repeat te-repeat-inline">
          <xsl:call-template name="behave">
            <xsl:with-param name="as" select="$as"/>
            <xsl:with-param name="repeat-done" select="true()"/>
          </xsl:call-template>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <details class="te-repeat">
          <summary class="te-gen">
            <xsl:call-template name="te-label"><xsl:with-param name="k" select="'repeat-summary'"/></xsl:call-template>
          </summary>
          <p class="te-gen te-repeat-note">
            <xsl:call-template name="te-label"><xsl:with-param name="k" select="'repeat-of'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <xsl:choose>
              <xsl:when test="$target">
                <a href="#{$target-id}">
                  <xsl:choose>
                    <xsl:when test="$target/tei:head">
                      <xsl:for-each select="$target"><xsl:call-template name="te-div-title"/></xsl:for-each>
                    </xsl:when>
                    <xsl:otherwise>
                      <xsl:value-of select="substring(normalize-space($target), 1, 16)"/>
                      <xsl:if test="string-length(normalize-space($target)) &gt; 16">…</xsl:if>
                    </xsl:otherwise>
                  </xsl:choose>
                </a>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(@copyOf)"/></xsl:otherwise>
            </xsl:choose>
            <xsl:call-template name="te-label"><xsl:with-param name="k" select="'repeat-of-end'"/></xsl:call-template>
          </p>
          <xsl:call-template name="behave">
            <xsl:with-param name="as" select="$as"/>
            <xsl:with-param name="repeat-done" select="true()"/>
          </xsl:call-template>
        </details>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== The issue page ================================================== -->

  <xsl:template name="html-page">
    <html lang="{$te-lang}">
      <xsl:call-template name="html-head"/>
      <body class="te-issue-page">
        <a class="te-skip" href="#te-main"><xsl:call-template name="te-ui-lang"/><xsl:call-template name="te-label"><xsl:with-param name="k" select="'skip'"/></xsl:call-template></a>
        <xsl:call-template name="html-masthead"/>
        <div class="te-layout">
          <xsl:call-template name="html-toc"/>
          <main id="te-main" class="te-main">
            <xsl:call-template name="html-text"/>
            <xsl:call-template name="html-furniture"/>
          </main>
          <xsl:call-template name="html-about"/>
        </div>
        <xsl:call-template name="html-colophon"/>
        <xsl:call-template name="html-scripts"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="te-page-title">
    <xsl:variable name="paper"><xsl:call-template name="te-monogr-title"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></xsl:variable>
    <xsl:variable name="date"><xsl:call-template name="te-issue-date"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></xsl:variable>
    <xsl:variable name="page"><xsl:call-template name="te-page-no"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></xsl:variable>
    <xsl:value-of select="normalize-space(concat($paper, ' ', $date, ' ', $page))"/>
  </xsl:template>

  <xsl:template name="html-head">
    <xsl:param name="title-prefix" select="''"/>
    <head>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <!-- Nothing on the page may come from elsewhere: only the site's own files. -->
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"/>
      <meta name="referrer" content="no-referrer"/>
      <meta name="generator" content="{$generator}"/>
      <title>
        <xsl:if test="normalize-space($title-prefix)"><xsl:value-of select="concat(normalize-space($title-prefix), ' — ')"/></xsl:if>
        <xsl:variable name="t"><xsl:call-template name="te-page-title"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="normalize-space($t)"><xsl:value-of select="$t"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="local-name(/*)"/></xsl:otherwise>
        </xsl:choose>
      </title>
      <link rel="stylesheet" href="{$assets-href}edition.css"/>
      <!-- An empty icon: otherwise the browser asks the server for /favicon.ico. -->
      <link rel="icon" href="data:,"/>
      <xsl:call-template name="html-meta"/>
    </head>
  </xsl:template>

  <!-- For reference managers (Zotero's "Embedded Metadata" and the like): Highwire Press
       citation_* tags and Dublin Core, of the article on an article's page, else of the
       whole page. DC.type names Zotero's item type (newspaperArticle), which Zotero takes
       from DC.type as it stands; a Highwire page alone would be read as a journal article.
       Addresses only when the site has a base URL. -->
  <xsl:template name="html-meta">
    <xsl:variable name="article" select="key('te-id', $article-id)[$article-id != ''][1]"/>
    <xsl:variable name="facts-rtf">
      <xsl:choose>
        <xsl:when test="$article"><xsl:for-each select="$article"><xsl:call-template name="te-cite-facts"><xsl:with-param name="id" select="$article-id"/></xsl:call-template></xsl:for-each></xsl:when>
        <xsl:otherwise><xsl:call-template name="te-cite-facts"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="c" select="exsl:node-set($facts-rtf)/c"/>
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="$c/@title"><xsl:value-of select="$c/@title"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="te-plain-page-title"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="licence" select="$te-header/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence[1]"/>
    <xsl:if test="$te-header">
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_title'"/><xsl:with-param name="v" select="$title"/></xsl:call-template>
      <xsl:for-each select="$c/a"><meta name="citation_author" content="{.}"/></xsl:for-each>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_publication_date'"/><xsl:with-param name="v" select="translate($te-date-iso, '-', '/')"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_date'"/><xsl:with-param name="v" select="translate($te-date-iso, '-', '/')"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_journal_title'"/><xsl:with-param name="v" select="$te-paper"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_publisher'"/><xsl:with-param name="v" select="$te-publisher"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_issue'"/><xsl:with-param name="v" select="substring($te-issue-plain, 1, string-length($te-issue-plain) * ($te-issue-plain != 'unknown'))"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_firstpage'"/><xsl:with-param name="v" select="$te-page-plain"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_language'"/><xsl:with-param name="v" select="substring($te-lang, 1, string-length($te-lang) * ($te-lang != 'und'))"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_public_url'"/><xsl:with-param name="v" select="string($c/@url)"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_pdf_url'"/><xsl:with-param name="v" select="$pdf-url"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.title'"/><xsl:with-param name="v" select="$title"/></xsl:call-template>
      <xsl:for-each select="$c/a"><meta name="DC.creator" content="{.}"/></xsl:for-each>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.date'"/><xsl:with-param name="v" select="$te-date-iso"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.type'"/><xsl:with-param name="v" select="'newspaperArticle'"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.source'"/><xsl:with-param name="v" select="$te-paper"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.publisher'"/><xsl:with-param name="v" select="$te-publisher"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.language'"/><xsl:with-param name="v" select="substring($te-lang, 1, string-length($te-lang) * ($te-lang != 'und'))"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.identifier'"/><xsl:with-param name="v" select="string($c/@url)"/></xsl:call-template>
      <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.rights'"/><xsl:with-param name="v" select="normalize-space($licence/@target | $licence[not(@target)])"/></xsl:call-template>
      <!-- schema.org, for search engines and the reference managers that read JSON-LD: the
           article (NewsArticle) or the page (CreativeWork), in its issue of the paper. -->
      <script type="application/ld+json">
        <xsl:text>{"@context": "https://schema.org", "@type": </xsl:text>
        <xsl:choose>
          <xsl:when test="$article">"NewsArticle"</xsl:when>
          <xsl:otherwise>"CreativeWork"</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="te-json-field"><xsl:with-param name="k" select="'headline'"/><xsl:with-param name="v" select="$title"/></xsl:call-template>
        <xsl:if test="$c/a">
          <xsl:text>, "author": [</xsl:text>
          <xsl:for-each select="$c/a">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:text>{"@type": "Person", "name": </xsl:text>
            <xsl:call-template name="te-json"><xsl:with-param name="v" select="."/></xsl:call-template>
            <xsl:text>}</xsl:text>
          </xsl:for-each>
          <xsl:text>]</xsl:text>
        </xsl:if>
        <xsl:call-template name="te-json-field"><xsl:with-param name="k" select="'datePublished'"/><xsl:with-param name="v" select="$te-date-iso"/></xsl:call-template>
        <xsl:call-template name="te-json-field"><xsl:with-param name="k" select="'inLanguage'"/><xsl:with-param name="v" select="substring($te-lang, 1, string-length($te-lang) * ($te-lang != 'und'))"/></xsl:call-template>
        <xsl:call-template name="te-json-field"><xsl:with-param name="k" select="'pagination'"/><xsl:with-param name="v" select="$te-page-plain"/></xsl:call-template>
        <xsl:call-template name="te-json-field"><xsl:with-param name="k" select="'url'"/><xsl:with-param name="v" select="string($c/@url)"/></xsl:call-template>
        <xsl:call-template name="te-json-field"><xsl:with-param name="k" select="'license'"/><xsl:with-param name="v" select="normalize-space($licence/@target | $licence[not(@target)])"/></xsl:call-template>
        <xsl:if test="normalize-space($te-publisher) != ''">
          <xsl:text>, "publisher": {"@type": "Organization", "name": </xsl:text>
          <xsl:call-template name="te-json"><xsl:with-param name="v" select="$te-publisher"/></xsl:call-template>
          <xsl:text>}</xsl:text>
        </xsl:if>
        <xsl:if test="normalize-space($te-paper) != ''">
          <xsl:text>, "isPartOf": {"@type": "PublicationIssue"</xsl:text>
          <xsl:call-template name="te-json-field"><xsl:with-param name="k" select="'issueNumber'"/><xsl:with-param name="v" select="substring($te-issue-plain, 1, string-length($te-issue-plain) * ($te-issue-plain != 'unknown'))"/></xsl:call-template>
          <xsl:call-template name="te-json-field"><xsl:with-param name="k" select="'datePublished'"/><xsl:with-param name="v" select="$te-date-iso"/></xsl:call-template>
          <xsl:text>, "isPartOf": {"@type": "Periodical", "name": </xsl:text>
          <xsl:call-template name="te-json"><xsl:with-param name="v" select="$te-paper"/></xsl:call-template>
          <xsl:text>}}</xsl:text>
        </xsl:if>
        <xsl:text>}</xsl:text>
      </script>
    </xsl:if>
  </xsl:template>

  <!-- , "K": "V" when V is not empty. -->
  <xsl:template name="te-json-field">
    <xsl:param name="k"/>
    <xsl:param name="v"/>
    <xsl:if test="normalize-space($v) != ''">
      <xsl:value-of select="concat(', &quot;', $k, '&quot;: ')"/>
      <xsl:call-template name="te-json"><xsl:with-param name="v" select="$v"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A JSON string. Inside <script> HTML does not decode entities and ends the element at
       the first "</script", so < is written \u003c and & \u0026: the TEI's text cannot
       close the block or be read as markup. normalize-space leaves no control character
       (XML 1.0 allows only tab, CR and LF among them). -->
  <xsl:template name="te-json">
    <xsl:param name="v"/>
    <xsl:variable name="s" select="normalize-space($v)"/>
    <xsl:text>"</xsl:text>
    <xsl:choose>
      <xsl:when test="translate($s, '\&quot;&lt;&gt;&amp;', '') = $s"><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="str:replace(str:replace(str:replace(str:replace(str:replace($s,
            '\', '\\'), '&quot;', '\&quot;'), '&lt;', '\u003c'), '&gt;', '\u003e'), '&amp;', '\u0026')"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <xsl:template name="te-meta">
    <xsl:param name="k"/>
    <xsl:param name="v"/>
    <xsl:if test="normalize-space($v) != ''"><meta name="{$k}" content="{normalize-space($v)}"/></xsl:if>
  </xsl:template>

  <!-- "四平日报 2022年8月26日 第1版": the page's title without marks (meta tags). -->
  <xsl:template name="te-plain-page-title">
    <xsl:variable name="date">
      <xsl:if test="$te-date-iso != ''"><xsl:call-template name="te-format-date"><xsl:with-param name="when" select="$te-date-iso"/></xsl:call-template></xsl:if>
    </xsl:variable>
    <xsl:variable name="page"><xsl:call-template name="te-page-no"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></xsl:variable>
    <xsl:value-of select="normalize-space(concat($te-paper, ' ', $date, ' ', $page))"/>
  </xsl:template>

  <xsl:template name="html-masthead">
    <header class="te-masthead">
      <xsl:call-template name="html-crumbs"/>
      <h1 class="te-title">
        <span class="te-paper"><xsl:call-template name="te-monogr-title"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></span>
        <xsl:text> </xsl:text>
        <span class="te-issue-meta">
          <xsl:call-template name="te-issue-date"><xsl:with-param name="h" select="$te-header"/></xsl:call-template>
          <xsl:variable name="issue"><xsl:call-template name="te-issue-no"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></xsl:variable>
          <xsl:if test="$issue != ''"><xsl:text> · </xsl:text><xsl:value-of select="$issue"/></xsl:if>
          <xsl:variable name="page"><xsl:call-template name="te-page-no"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></xsl:variable>
          <xsl:if test="$page != ''"><xsl:text> · </xsl:text><xsl:value-of select="$page"/></xsl:if>
        </span>
      </h1>
      <xsl:call-template name="html-pager"/>
      <xsl:call-template name="html-tools"/>
    </header>
  </xsl:template>

  <!-- Where the page stands: all newspapers > the paper's year > the issue (> the page,
       on an article's page). Nothing but the first crumb for a page outside an archive. -->
  <xsl:template name="html-crumbs">
    <xsl:if test="$index-href != ''">
      <nav class="te-crumbs"><xsl:call-template name="te-ui-lang"/>
        <xsl:attribute name="aria-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'crumbs'"/></xsl:call-template></xsl:attribute>
        <ol>
          <li><a href="{$index-href}"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'home'"/></xsl:call-template></a></li>
          <xsl:if test="$year-href != ''">
            <li><a href="{$year-href}">
              <xsl:call-template name="te-monogr-title"><xsl:with-param name="h" select="$te-header"/></xsl:call-template>
              <xsl:text> </xsl:text>
              <xsl:call-template name="te-label"><xsl:with-param name="k" select="'year-n'"/><xsl:with-param name="n" select="$year"/></xsl:call-template>
            </a></li>
          </xsl:if>
          <xsl:if test="$issue-href != ''">
            <li><a href="{$issue-href}">
              <xsl:variable name="date"><xsl:call-template name="te-issue-date"><xsl:with-param name="h" select="$te-header"/><xsl:with-param name="iso" select="true()"/></xsl:call-template></xsl:variable>
              <xsl:choose>
                <xsl:when test="$date != ''"><xsl:call-template name="te-format-date"><xsl:with-param name="when" select="$date"/></xsl:call-template></xsl:when>
                <xsl:otherwise><xsl:call-template name="te-label"><xsl:with-param name="k" select="'issue-contents'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </a></li>
          </xsl:if>
          <xsl:if test="$full-page-href != ''">
            <li><a href="{$full-page-href}">
              <xsl:variable name="page"><xsl:call-template name="te-page-no"><xsl:with-param name="h" select="$te-header"/></xsl:call-template></xsl:variable>
              <xsl:choose>
                <xsl:when test="normalize-space($page)"><xsl:value-of select="$page"/></xsl:when>
                <xsl:otherwise><xsl:call-template name="te-label"><xsl:with-param name="k" select="'whole-page'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
            </a></li>
          </xsl:if>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- Previous and next issue of the paper, previous and next page of the issue. -->
  <xsl:template name="html-pager">
    <xsl:if test="concat($prev-issue-href, $prev-page-href, $next-page-href, $next-issue-href) != ''">
      <nav class="te-pager"><xsl:call-template name="te-ui-lang"/>
        <xsl:attribute name="aria-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'pager'"/></xsl:call-template></xsl:attribute>
        <ul>
          <xsl:call-template name="te-pager-link">
            <xsl:with-param name="href" select="$prev-issue-href"/><xsl:with-param name="k" select="'prev-issue'"/>
            <xsl:with-param name="rel" select="'prev'"/><xsl:with-param name="date" select="$prev-issue-date"/>
          </xsl:call-template>
          <xsl:call-template name="te-pager-link">
            <xsl:with-param name="href" select="$prev-page-href"/><xsl:with-param name="k" select="'prev-page'"/>
            <xsl:with-param name="page" select="$prev-page-n"/>
          </xsl:call-template>
          <xsl:call-template name="te-pager-link">
            <xsl:with-param name="href" select="$next-page-href"/><xsl:with-param name="k" select="'next-page'"/>
            <xsl:with-param name="page" select="$next-page-n"/>
          </xsl:call-template>
          <xsl:call-template name="te-pager-link">
            <xsl:with-param name="href" select="$next-issue-href"/><xsl:with-param name="k" select="'next-issue'"/>
            <xsl:with-param name="rel" select="'next'"/><xsl:with-param name="date" select="$next-issue-date"/>
          </xsl:call-template>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="te-pager-link">
    <xsl:param name="href"/>
    <xsl:param name="k"/>
    <xsl:param name="rel" select="''"/>
    <xsl:param name="date" select="''"/>
    <xsl:param name="page" select="''"/>
    <xsl:if test="$href != ''">
      <li class="te-{$k}">
        <a href="{$href}">
          <xsl:if test="$rel != ''"><xsl:attribute name="rel"><xsl:value-of select="$rel"/></xsl:attribute></xsl:if>
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="$k"/></xsl:call-template>
          <xsl:if test="$date != '' or $page != ''">
            <span class="te-pager-what">
              <xsl:if test="$date != ''"><xsl:call-template name="te-format-date"><xsl:with-param name="when" select="$date"/></xsl:call-template></xsl:if>
              <xsl:if test="$page != ''">
                <xsl:choose>
                  <xsl:when test="translate($page, '0123456789', '') = ''">
                    <xsl:call-template name="te-label"><xsl:with-param name="k" select="'page-n-pre'"/></xsl:call-template>
                    <xsl:value-of select="$page"/>
                    <xsl:call-template name="te-label"><xsl:with-param name="k" select="'page-n-post'"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$page"/></xsl:otherwise>
                </xsl:choose>
              </xsl:if>
            </span>
          </xsl:if>
        </a>
      </li>
    </xsl:if>
  </xsl:template>

  <!-- The break switch (works without script through CSS :has) and the search box
       (needs script: hidden until edition.js shows it). -->
  <xsl:template name="html-tools">
    <div class="te-tools"><xsl:call-template name="te-ui-lang"/>
      <xsl:if test="//tei:text//tei:pb | //tei:text//tei:cb | //tei:text//tei:milestone">
        <p class="te-switch">
          <input type="checkbox" id="te-breaks"/>
          <label for="te-breaks"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'breaks'"/></xsl:call-template></label>
        </p>
      </xsl:if>
      <xsl:call-template name="html-search-form"/>
    </div>
  </xsl:template>

  <xsl:template name="html-search-form">
    <xsl:if test="$search-href != ''">
      <form class="te-search" role="search" action="#" hidden="hidden" data-index="{$search-href}">
        <label for="te-q"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'search'"/></xsl:call-template></label>
        <span class="te-search-row">
          <input type="search" id="te-q" name="q" autocomplete="off" spellcheck="false"/>
          <button type="submit"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'search-go'"/></xsl:call-template></button>
        </span>
        <span class="te-search-status" id="te-search-status" role="status"></span>
        <ol class="te-results" id="te-results"></ol>
      </form>
    </xsl:if>
  </xsl:template>

  <!-- Contents: the top-level divisions (and those inside non-article sections). -->
  <xsl:template name="html-toc">
    <xsl:variable name="divs" select="/*/tei:text/*/*[self::tei:div or self::tei:div1][not(@copyOf)] | /*/tei:TEI/tei:text/*/*[self::tei:div or self::tei:div1][not(@copyOf)]"/>
    <xsl:if test="$divs">
      <nav class="te-toc" aria-labelledby="te-toc-h">
        <h2 id="te-toc-h"><xsl:call-template name="te-ui-lang"/><xsl:call-template name="te-label"><xsl:with-param name="k" select="'toc'"/></xsl:call-template></h2>
        <xsl:call-template name="html-toc-list"><xsl:with-param name="divs" select="$divs"/></xsl:call-template>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="html-toc-list">
    <xsl:param name="divs"/>
    <ol>
      <xsl:for-each select="$divs">
        <xsl:variable name="id"><xsl:call-template name="te-id"/></xsl:variable>
        <li>
          <xsl:if test="@type"><xsl:attribute name="class"><xsl:value-of select="concat('te-toc-', translate(normalize-space(@type), ' ', '_'))"/></xsl:attribute></xsl:if>
          <a href="#{$id}">
            <xsl:if test="tei:head[@type='kicker'] | tei:trailer[@type='kicker'][../tei:head]">
              <span class="te-toc-kicker"><xsl:call-template name="te-breakable"><xsl:with-param name="text" select="normalize-space((tei:trailer[@type='kicker'] | tei:head[@type='kicker'])[1])"/></xsl:call-template></span>
              <xsl:text> </xsl:text>
            </xsl:if>
            <span class="te-toc-title"><xsl:call-template name="te-breakable"><xsl:with-param name="text"><xsl:call-template name="te-div-title"/></xsl:with-param></xsl:call-template></span>
          </a>
          <xsl:variable name="inner" select="*[self::tei:div or self::tei:div1 or self::tei:div2][not(@copyOf)]"/>
          <xsl:if test="$inner and not(@type = 'article')">
            <xsl:call-template name="html-toc-list"><xsl:with-param name="divs" select="$inner"/></xsl:call-template>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template name="html-text">
    <div class="te-text">
      <xsl:apply-templates select="/*"/>
    </div>
  </xsl:template>

  <!-- Page furniture that stands between blocks, gathered at the foot in source order. -->
  <xsl:template name="html-furniture">
    <!-- Exactly the fw that make-furniture leaves out of the flow: those not in phrasing
         context (the same test it uses), so each is drawn once. -->
    <xsl:variable name="foot-rtf">
      <xsl:for-each select="//tei:text//tei:fw">
        <xsl:variable name="phrase"><xsl:call-template name="te-in-phrase"/></xsl:variable>
        <xsl:if test="not(string($phrase))">
          <xsl:call-template name="make-furniture"><xsl:with-param name="at-foot" select="true()"/></xsl:call-template>
        </xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="count(exsl:node-set($foot-rtf)/node()) &gt; 0">
      <section class="te-furniture" aria-labelledby="te-fw-h">
        <h2 id="te-fw-h" class="te-gen"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'furniture'"/></xsl:call-template></h2>
        <xsl:copy-of select="$foot-rtf"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The edition's metadata: downloads, source, editorial declaration with its counts,
       revision history, citation, licence. -->
  <xsl:template name="html-about">
    <xsl:variable name="h" select="$te-header"/>
    <xsl:variable name="bs" select="($h/tei:fileDesc/tei:sourceDesc/tei:biblStruct[@type='newspaper'] | $h/tei:fileDesc/tei:sourceDesc/tei:biblStruct)[1]"/>
    <aside id="te-about" class="te-gen te-about" aria-labelledby="te-about-h"><xsl:call-template name="te-ui-lang"/>
      <h2 id="te-about-h"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'about'"/></xsl:call-template></h2>

      <xsl:if test="$tei-href != '' or $pdf-href != ''">
        <section class="te-downloads" aria-labelledby="te-dl-h">
          <h3 id="te-dl-h"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'downloads'"/></xsl:call-template></h3>
          <ul>
            <xsl:if test="$tei-href != ''">
              <li><a class="te-download-tei" href="{$tei-href}" download="" type="application/tei+xml"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'tei'"/></xsl:call-template></a></li>
            </xsl:if>
            <xsl:if test="$pdf-href != ''">
              <li><a class="te-download-pdf" href="{$pdf-href}" type="application/pdf"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'pdf'"/></xsl:call-template></a></li>
            </xsl:if>
          </ul>
        </section>
      </xsl:if>

      <section class="te-source" aria-labelledby="te-source-h">
        <h3 id="te-source-h"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'source'"/></xsl:call-template></h3>
        <dl>
          <xsl:call-template name="te-dl-row">
            <xsl:with-param name="k" select="'paper'"/>
            <xsl:with-param name="v"><xsl:call-template name="te-monogr-title"><xsl:with-param name="h" select="$h"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="te-dl-row">
            <xsl:with-param name="k" select="'place'"/>
            <xsl:with-param name="v" select="normalize-space($bs/tei:monogr/tei:imprint/tei:pubPlace[1])"/>
          </xsl:call-template>
          <xsl:call-template name="te-dl-row">
            <xsl:with-param name="k" select="'publisher'"/>
            <xsl:with-param name="v" select="normalize-space($bs/tei:monogr/tei:imprint/tei:publisher[1])"/>
          </xsl:call-template>
          <dt><xsl:call-template name="te-label"><xsl:with-param name="k" select="'date'"/></xsl:call-template></dt>
          <dd>
            <xsl:call-template name="te-issue-date"><xsl:with-param name="h" select="$h"/></xsl:call-template>
            <xsl:for-each select="$bs/tei:note[@type='date']">
              <div class="te-date-note"><xsl:apply-templates/></div>
            </xsl:for-each>
          </dd>
          <xsl:call-template name="te-dl-row">
            <xsl:with-param name="k" select="'issue'"/>
            <xsl:with-param name="v"><xsl:call-template name="te-issue-no"><xsl:with-param name="h" select="$h"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="te-dl-row">
            <xsl:with-param name="k" select="'page'"/>
            <xsl:with-param name="v"><xsl:call-template name="te-page-no"><xsl:with-param name="h" select="$h"/></xsl:call-template></xsl:with-param>
          </xsl:call-template>
          <xsl:for-each select="$bs/tei:monogr/tei:respStmt[tei:resp]">
            <dt><xsl:value-of select="normalize-space(tei:resp)"/></dt>
            <dd>
              <xsl:for-each select="*[not(self::tei:resp)]">
                <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
                <xsl:value-of select="normalize-space(.)"/>
              </xsl:for-each>
            </dd>
          </xsl:for-each>
        </dl>
        <xsl:if test="not($bs) and $h/tei:fileDesc/tei:sourceDesc">
          <div class="te-source-other"><xsl:apply-templates select="$h/tei:fileDesc/tei:sourceDesc/node()"/></div>
        </xsl:if>
      </section>

      <!-- The editorial history, for readers: what the editing did and who did it, in the
           interface's language; the TEI's own record (the editorial declaration with its
           counts, the revision history: processing detail, in whatever language it was
           written) one click away. An article's own page leaves them to the page (a link
           away): they are the same for every article of it. -->
      <xsl:variable name="ed" select="$h/tei:encodingDesc/tei:editorialDecl[$article-id = '']"/>
      <xsl:variable name="changes" select="$h/tei:revisionDesc[$article-id = '']//tei:change"/>
      <xsl:if test="$ed or $changes">
        <section class="te-editorial" aria-labelledby="te-ed-h">
          <h3 id="te-ed-h"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'editorial'"/></xsl:call-template></h3>
          <xsl:call-template name="te-editorial-summary">
            <xsl:with-param name="ed" select="$ed"/>
            <xsl:with-param name="changes" select="$changes"/>
          </xsl:call-template>
          <details class="te-processing">
            <summary><xsl:call-template name="te-label"><xsl:with-param name="k" select="'processing'"/></xsl:call-template></summary>
            <p class="te-processing-note"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'processing-note'"/></xsl:call-template></p>
            <xsl:if test="$ed//tei:num[@type]">
              <table class="te-counts">
                <caption><xsl:call-template name="te-label"><xsl:with-param name="k" select="'counts'"/></xsl:call-template></caption>
                <tbody>
                  <xsl:for-each select="$ed//tei:num[@type][not(@type = 'rule')]">
                    <tr>
                      <th scope="row"><xsl:call-template name="te-count-label"/></th>
                      <td><data value="{normalize-space(@value)}"><xsl:value-of select="normalize-space(@value)"/><xsl:if test="not(@value)"><xsl:value-of select="normalize-space(.)"/></xsl:if></data></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </xsl:if>
            <xsl:for-each select="$ed/*">
              <xsl:choose>
                <xsl:when test="self::tei:p"><xsl:apply-templates select="."/></xsl:when>
                <xsl:otherwise>
                  <h4><xsl:call-template name="te-label"><xsl:with-param name="k" select="concat('kind-', local-name())"/></xsl:call-template></h4>
                  <div class="te-ed-part">
                    <xsl:call-template name="te-inherited-lang"/>
                    <xsl:apply-templates select="node()"/>
                  </div>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
            <xsl:if test="$changes">
              <section class="te-revisions" aria-labelledby="te-rev-h">
                <h4 id="te-rev-h"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'revisions'"/></xsl:call-template></h4>
                <ol>
                  <xsl:for-each select="$changes">
                    <li class="tei-change">
                      <xsl:call-template name="te-inherited-lang"/>
                      <xsl:variable name="ok"><xsl:call-template name="te-html-date-ok"><xsl:with-param name="when" select="normalize-space(@when)"/></xsl:call-template></xsl:variable>
                      <xsl:if test="string($ok)"><time datetime="{normalize-space(@when)}"><xsl:value-of select="normalize-space(@when)"/></time><xsl:text> </xsl:text></xsl:if>
                      <xsl:if test="@who">
                        <span class="te-who"><xsl:call-template name="te-who-name"/></span>
                        <xsl:text>：</xsl:text>
                      </xsl:if>
                      <xsl:apply-templates/>
                    </li>
                  </xsl:for-each>
                </ol>
              </section>
            </xsl:if>
          </details>
        </section>
      </xsl:if>

      <!-- The page's citation (an article's own page has the article's, under it). -->
      <xsl:if test="$article-id = ''">
        <section class="te-cite-page" aria-labelledby="te-cite-h">
          <h3 id="te-cite-h"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'cite-page'"/></xsl:call-template></h3>
          <xsl:for-each select="/*"><xsl:call-template name="te-citation"/></xsl:for-each>
        </section>
      </xsl:if>

      <!-- The licence is not repeated here: it stands once, in the colophon. -->
    </aside>
  </xsl:template>

  <!-- The editorial history in a few lines a reader can take in: who encoded and who
       reviewed the page (the people and software revisionDesc/change/@who points to),
       then what was done, from the editorial declaration's counts (num/@type: joins,
       repeats, gaps, corrections, moves, dates). Counts of other kinds, and the TEI's
       own words, are in the processing detail. -->
  <xsl:template name="te-editorial-summary">
    <xsl:param name="ed"/>
    <xsl:param name="changes"/>
    <xsl:variable name="nums" select="$ed//tei:num[@type]"/>
    <xsl:variable name="whos" select="$changes[@who][not(@who = preceding-sibling::tei:change/@who)]"/>
    <xsl:variable name="software-rtf">
      <xsl:for-each select="$whos">
        <xsl:variable name="id"><xsl:call-template name="te-pointer-id"><xsl:with-param name="ptr" select="@who"/></xsl:call-template></xsl:variable>
        <xsl:variable name="target" select="key('te-id', $id)"/>
        <xsl:variable name="name"><xsl:call-template name="te-who-name"/></xsl:variable>
        <xsl:choose>
          <xsl:when test="$target[self::tei:application or self::tei:name[@type='software']]"><s><xsl:value-of select="$name"/></s></xsl:when>
          <xsl:otherwise><p n="{count($changes[@who = current()/@who])}"><xsl:value-of select="$name"/></p></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="who" select="exsl:node-set($software-rtf)"/>
    <xsl:variable name="people">
      <xsl:for-each select="$who/p">
        <xsl:if test="position() &gt; 1"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-and'"/></xsl:call-template></xsl:if>
        <xsl:value-of select="."/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="joins" select="sum($nums[@type='joins']/@value)"/>
    <xsl:variable name="repeats" select="sum($nums[@type='repeats']/@value)"/>
    <xsl:variable name="gaps" select="sum($nums[@type='gaps']/@value)"/>
    <xsl:variable name="corrections" select="sum($nums[@type='corrections']/@value)"/>
    <xsl:variable name="moves" select="sum($nums[@type='moves']/@value)"/>
    <xsl:variable name="dates" select="sum($nums[@type='dates']/@value)"/>
    <xsl:variable name="listed" select="$joins + $repeats + $gaps + $corrections + $moves + $dates &gt; 0"/>
    <xsl:if test="$who/* or $listed">
      <p class="te-ed-summary">
        <xsl:variable name="latest">
          <xsl:for-each select="$changes/@when"><xsl:sort select="." order="descending"/><xsl:if test="position() = 1"><xsl:value-of select="normalize-space(.)"/></xsl:if></xsl:for-each>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$who/s">
            <xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-encoded'"/><xsl:with-param name="n">
              <xsl:for-each select="$who/s"><xsl:if test="position() &gt; 1"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-and'"/></xsl:call-template></xsl:if><xsl:value-of select="."/></xsl:for-each>
            </xsl:with-param></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-encoded-anon'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$latest != ''"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-when'"/><xsl:with-param name="n" select="$latest"/></xsl:call-template></xsl:if>
        <xsl:if test="$people != ''"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-reviewed'"/><xsl:with-param name="n" select="$people"/></xsl:call-template></xsl:if>
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="substring('ed-doneed-done-none', 1 + 7 * not($listed), 7 + 5 * not($listed))"/></xsl:call-template>
      </p>
      <xsl:if test="$listed">
        <ul class="te-ed-list">
          <xsl:if test="$joins &gt; 0"><li><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-joins'"/><xsl:with-param name="n" select="$joins"/></xsl:call-template></li></xsl:if>
          <xsl:if test="$repeats &gt; 0">
            <li>
              <xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-repeats'"/><xsl:with-param name="n" select="$repeats"/></xsl:call-template>
              <xsl:variable name="articles" select="sum($nums[@type='articleRepeats']/@value)"/>
              <xsl:variable name="paragraphs" select="sum($nums[@type='exactRepeats' or @type='nearRepeats']/@value)"/>
              <xsl:if test="$articles + $paragraphs &gt; 0">
                <xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-by'"/><xsl:with-param name="n">
                  <xsl:if test="$articles &gt; 0"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-repeat-articles'"/><xsl:with-param name="n" select="$articles"/></xsl:call-template></xsl:if>
                  <xsl:if test="$articles &gt; 0 and $paragraphs &gt; 0"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-and'"/></xsl:call-template></xsl:if>
                  <xsl:if test="$paragraphs &gt; 0"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-repeat-paragraphs'"/><xsl:with-param name="n" select="$paragraphs"/></xsl:call-template></xsl:if>
                </xsl:with-param></xsl:call-template>
              </xsl:if>
            </li>
          </xsl:if>
          <xsl:if test="$gaps &gt; 0"><li><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-gaps'"/><xsl:with-param name="n" select="$gaps"/></xsl:call-template></li></xsl:if>
          <xsl:if test="$corrections &gt; 0">
            <li>
              <xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-corrections'"/><xsl:with-param name="n" select="$corrections"/></xsl:call-template>
              <xsl:if test="$people != ''"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-by'"/><xsl:with-param name="n" select="$people"/></xsl:call-template></xsl:if>
            </li>
          </xsl:if>
          <xsl:if test="$moves &gt; 0"><li><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-moves'"/><xsl:with-param name="n" select="$moves"/></xsl:call-template></li></xsl:if>
          <xsl:if test="$dates &gt; 0"><li><xsl:call-template name="te-label"><xsl:with-param name="k" select="'ed-dates'"/><xsl:with-param name="n" select="$dates"/></xsl:call-template></li></xsl:if>
        </ul>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The name of whoever a change/@who points to: an application by its label, a person
       by their name; a pointer to nothing as it stands. -->
  <xsl:template name="te-who-name">
    <xsl:variable name="who-id"><xsl:call-template name="te-pointer-id"><xsl:with-param name="ptr" select="@who"/></xsl:call-template></xsl:variable>
    <xsl:variable name="target" select="key('te-id', $who-id)"/>
    <xsl:choose>
      <xsl:when test="$target/tei:label"><xsl:value-of select="normalize-space($target/tei:label[1])"/></xsl:when>
      <xsl:when test="$target"><xsl:value-of select="normalize-space($target)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space(@who)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A count's label: known kinds by name; another kind by its TEI name, as English. -->
  <xsl:template name="te-count-label">
    <xsl:variable name="k" select="concat('count-', @type)"/>
    <xsl:choose>
      <xsl:when test="contains($te-label-keys, concat('|', $k, '|'))"><xsl:call-template name="te-label"><xsl:with-param name="k" select="$k"/></xsl:call-template></xsl:when>
      <xsl:otherwise><span lang="en"><xsl:value-of select="@type"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- lang on a part of the interface (navigation, tools, the about panel, footers) when
       the interface's language is not the page's (tei-edition.toml [site] lang), and the
       page's language back on the page's own words inside such a part. -->
  <xsl:template name="te-ui-lang">
    <xsl:if test="not(starts-with($te-lang, $te-ui))"><xsl:attribute name="lang"><xsl:value-of select="$te-ui"/></xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template name="te-doc-lang">
    <xsl:if test="not(starts-with($te-lang, $te-ui))"><xsl:attribute name="lang"><xsl:value-of select="$te-lang"/></xsl:attribute></xsl:if>
  </xsl:template>

  <!-- Header text shown out of its place (the panel) keeps the language it had in the TEI. -->
  <xsl:template name="te-inherited-lang">
    <xsl:variable name="lang" select="ancestor-or-self::*[@xml:lang][1]/@xml:lang"/>
    <xsl:choose>
      <xsl:when test="$lang and string($lang) != $te-lang">
        <xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="te-doc-lang"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="te-dl-row">
    <xsl:param name="k"/>
    <xsl:param name="v"/>
    <xsl:if test="normalize-space($v) != ''">
      <dt><xsl:call-template name="te-label"><xsl:with-param name="k" select="$k"/></xsl:call-template></dt>
      <dd><xsl:call-template name="te-doc-lang"/><xsl:value-of select="normalize-space($v)"/></dd>
    </xsl:if>
  </xsl:template>

  <!-- The foot of every page: how it was made, and the licence, once, where readers look
       for one: a known licence by its name in the interface's language, linked. The TEI's
       own statement (its scope, in whatever language the encoder wrote it) is one click
       away when it says more than the name ("CC BY 4.0" alone says nothing more). -->
  <xsl:template name="html-colophon">
    <footer class="te-colophon"><xsl:call-template name="te-ui-lang"/>
      <p><xsl:call-template name="te-label"><xsl:with-param name="k" select="'colophon'"/></xsl:call-template>
        <xsl:text> </xsl:text><xsl:value-of select="$generator"/></p>
      <xsl:for-each select="$te-header/tei:fileDesc/tei:publicationStmt/tei:availability[1]">
        <xsl:variable name="link"><xsl:for-each select="tei:licence[1]"><xsl:call-template name="te-licence-link"/></xsl:for-each></xsl:variable>
        <xsl:variable name="said" select="tei:licence[normalize-space(.) != '' and (position() &gt; 1 or not(contains(string($link), normalize-space(.))))] | tei:p[normalize-space(.) != '']"/>
        <xsl:if test="tei:licence">
          <p class="te-licence-foot">
            <xsl:call-template name="te-label"><xsl:with-param name="k" select="'licence-foot'"/></xsl:call-template>
            <xsl:copy-of select="$link"/>
          </p>
        </xsl:if>
        <xsl:if test="not(tei:licence)">
          <!-- No licence, only a statement of rights: it is the licence line. -->
          <xsl:for-each select="tei:p[normalize-space(.) != '']">
            <p class="te-licence-foot">
              <xsl:call-template name="te-label"><xsl:with-param name="k" select="'licence-foot'"/></xsl:call-template>
              <span><xsl:call-template name="te-inherited-lang"/><xsl:value-of select="normalize-space(.)"/></span>
            </p>
          </xsl:for-each>
        </xsl:if>
        <xsl:if test="tei:licence and $said">
          <details class="te-licence-statement">
            <summary><xsl:call-template name="te-label"><xsl:with-param name="k" select="'licence-statement'"/></xsl:call-template></summary>
            <xsl:for-each select="$said">
              <p class="te-licence-text"><xsl:call-template name="te-inherited-lang"/><xsl:value-of select="normalize-space(.)"/></p>
            </xsl:for-each>
          </details>
        </xsl:if>
      </xsl:for-each>
    </footer>
  </xsl:template>

  <!-- A licence (the context) as a link named in the interface's language when it is a
       Creative Commons one (creativecommons.org/licenses/by-sa/4.0/ → CC BY-SA 4.0), else
       by the TEI's own words. -->
  <xsl:template name="te-licence-link">
    <xsl:variable name="href"><xsl:call-template name="te-safe-url"><xsl:with-param name="url" select="@target"/></xsl:call-template></xsl:variable>
    <xsl:variable name="path" select="substring-after(translate($href, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), 'creativecommons.org/')"/>
    <xsl:variable name="code" select="substring-before(substring-after($path, 'licenses/'), '/')"/>
    <xsl:variable name="version" select="substring-before(substring-after(substring-after($path, 'licenses/'), '/'), '/')"/>
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="$code != '' and translate($code, 'bynasd-', '') = ''">
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'licence-cc'"/><xsl:with-param name="n"
              select="normalize-space(concat('CC ', translate($code, 'bynasd', 'BYNASD'), ' ', $version))"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="starts-with($path, 'publicdomain/zero/')"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'licence-cc0'"/></xsl:call-template></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$href != '' and $name != ''"><a href="{$href}" rel="license"><xsl:value-of select="$name"/></a></xsl:when>
      <xsl:when test="$href != ''"><a href="{$href}" rel="license"><xsl:call-template name="te-inherited-lang"/><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
      <xsl:otherwise><span><xsl:call-template name="te-inherited-lang"/><xsl:value-of select="normalize-space(.)"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Every page cites itself (its access date is filled in by the script). -->
  <xsl:template name="html-scripts">
    <script src="{$assets-href}edition.js"></script>
  </xsl:template>

  <!-- ===== An article's own page (its permalink) =========================== -->
  <!-- The article alone, under the masthead of its page, with the previous and next
       article of the page and a link to the whole page. $article-id names it. -->
  <xsl:template name="html-article-page">
    <xsl:variable name="article" select="key('te-id', $article-id)[1]"/>
    <xsl:variable name="headline"><xsl:for-each select="$article"><xsl:call-template name="te-div-title"/></xsl:for-each></xsl:variable>
    <html lang="{$te-lang}">
      <xsl:call-template name="html-head"><xsl:with-param name="title-prefix" select="$headline"/></xsl:call-template>
      <body class="te-article-page">
        <a class="te-skip" href="#te-main"><xsl:call-template name="te-ui-lang"/><xsl:call-template name="te-label"><xsl:with-param name="k" select="'skip'"/></xsl:call-template></a>
        <xsl:call-template name="html-masthead"/>
        <div class="te-layout te-layout-article">
          <main id="te-main" class="te-main">
            <div class="te-text"><xsl:apply-templates select="$article"/></div>
            <nav class="te-pager te-article-pager">
              <xsl:attribute name="aria-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'pager'"/></xsl:call-template></xsl:attribute>
              <ul>
                <xsl:for-each select="$article/preceding::tei:div[@type='article'][not(@copyOf)][@xml:id][1]">
                  <xsl:call-template name="te-article-link"><xsl:with-param name="k" select="'prev-article'"/></xsl:call-template>
                </xsl:for-each>
                <xsl:for-each select="$article/following::tei:div[@type='article'][not(@copyOf)][@xml:id][1]">
                  <xsl:call-template name="te-article-link"><xsl:with-param name="k" select="'next-article'"/></xsl:call-template>
                </xsl:for-each>
                <xsl:if test="$full-page-href != ''">
                  <li class="te-whole-page"><a href="{$full-page-href}#{$article-id}"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'whole-page'"/></xsl:call-template></a></li>
                </xsl:if>
              </ul>
            </nav>
          </main>
          <xsl:call-template name="html-about"/>
        </div>
        <xsl:call-template name="html-colophon"/>
        <xsl:call-template name="html-scripts"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="te-article-link">
    <xsl:param name="k"/>
    <li class="te-{$k}">
      <a href="{concat(@xml:id, '.html')}" rel="{substring-before($k, '-')}">
        <xsl:call-template name="te-label"><xsl:with-param name="k" select="$k"/></xsl:call-template>
        <span class="te-pager-what"><xsl:call-template name="te-breakable"><xsl:with-param name="text"><xsl:call-template name="te-div-title"/></xsl:with-param></xsl:call-template></span>
      </a>
    </li>
  </xsl:template>

  <!-- ===== Browse pages (site:archive, site:year, site:issue manifests) ======= -->

  <xsl:template name="html-browse-page">
    <xsl:variable name="m" select="/*"/>
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="site:archive"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'archive-title'"/></xsl:call-template></xsl:when>
        <xsl:when test="site:year">
          <xsl:value-of select="$m/@paper"/><xsl:text> </xsl:text>
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'year-n'"/><xsl:with-param name="n" select="$m/@n"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$m/@paper"/><xsl:text> </xsl:text>
          <xsl:call-template name="te-site-issue-name"><xsl:with-param name="issue" select="$m"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <html lang="{$te-lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"/>
        <meta name="referrer" content="no-referrer"/>
        <meta name="generator" content="{$generator}"/>
        <title><xsl:value-of select="normalize-space($title)"/></title>
        <link rel="stylesheet" href="{$assets-href}edition.css"/>
        <link rel="icon" href="data:,"/>
        <!-- An issue's page describes the issue (Dublin Core, and the Highwire tags a
             reference manager reads for a newspaper and its date). -->
        <xsl:for-each select="site:issue">
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.title'"/><xsl:with-param name="v" select="$title"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.date'"/><xsl:with-param name="v" select="@date"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.type'"/><xsl:with-param name="v" select="'Collection'"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.source'"/><xsl:with-param name="v" select="@paper"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'DC.identifier'"/><xsl:with-param name="v" select="substring(concat($dir-url, $page-href), 1, string-length(concat($dir-url, $page-href)) * ($dir-url != ''))"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_title'"/><xsl:with-param name="v" select="$title"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_journal_title'"/><xsl:with-param name="v" select="@paper"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_publication_date'"/><xsl:with-param name="v" select="translate(@date, '-', '/')"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_public_url'"/><xsl:with-param name="v" select="substring(concat($dir-url, $page-href), 1, string-length(concat($dir-url, $page-href)) * ($dir-url != ''))"/></xsl:call-template>
          <xsl:call-template name="te-meta"><xsl:with-param name="k" select="'citation_issue'"/><xsl:with-param name="v" select="@number"/></xsl:call-template>
        </xsl:for-each>
      </head>
      <body class="te-browse-page te-{local-name($m)}-page">
        <a class="te-skip" href="#te-main"><xsl:call-template name="te-ui-lang"/><xsl:call-template name="te-label"><xsl:with-param name="k" select="'skip'"/></xsl:call-template></a>
        <header class="te-masthead">
          <xsl:if test="not(site:archive)">
            <nav class="te-crumbs"><xsl:call-template name="te-ui-lang"/>
              <xsl:attribute name="aria-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'crumbs'"/></xsl:call-template></xsl:attribute>
              <ol>
                <li><a href="{$index-href}"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'home'"/></xsl:call-template></a></li>
                <xsl:if test="site:issue/site:nav/@year-href">
                  <li><a href="{site:issue/site:nav/@year-href}">
                    <xsl:value-of select="$m/@paper"/><xsl:text> </xsl:text>
                    <xsl:call-template name="te-label"><xsl:with-param name="k" select="'year-n'"/><xsl:with-param name="n" select="$m/@year"/></xsl:call-template>
                  </a></li>
                </xsl:if>
              </ol>
            </nav>
          </xsl:if>
          <h1 class="te-title"><xsl:value-of select="normalize-space($title)"/></h1>
          <xsl:call-template name="te-site-pager"/>
          <div class="te-tools"><xsl:call-template name="te-ui-lang"/><xsl:call-template name="html-search-form"/></div>
        </header>
        <main id="te-main" class="te-main te-browse">
          <xsl:apply-templates select="$m" mode="te-browse"/>
        </main>
        <xsl:call-template name="html-colophon"/>
        <xsl:if test="$search-href != ''"><script src="{$assets-href}edition.js"></script></xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- "2021年3月1日 第123期" for a site:issue (or an issue in a calendar). -->
  <xsl:template name="te-site-issue-name">
    <xsl:param name="issue"/>
    <xsl:choose>
      <xsl:when test="$issue/@date"><xsl:call-template name="te-format-date"><xsl:with-param name="when" select="$issue/@date"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$issue/site:page[1]/@title"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$issue/@number">
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="translate($issue/@number, '0123456789', '') = ''">
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'issue-n-pre'"/></xsl:call-template>
          <xsl:value-of select="$issue/@number"/>
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'issue-n-post'"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$issue/@number"/></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- Previous and next year (a year's page) or issue (an issue's page). -->
  <xsl:template name="te-site-pager">
    <xsl:variable name="nav" select="/*/site:nav"/>
    <xsl:if test="$nav/@prev-href or $nav/@next-href">
      <nav class="te-pager"><xsl:call-template name="te-ui-lang"/>
        <xsl:attribute name="aria-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'pager'"/></xsl:call-template></xsl:attribute>
        <ul>
          <xsl:for-each select="$nav/@prev-href | $nav/@next-href">
            <xsl:variable name="dir" select="substring-before(local-name(), '-')"/>
            <xsl:variable name="k" select="concat($dir, substring('-year-issue', 1 + 5 * boolean(/site:issue), 5 + boolean(/site:issue)))"/>
            <li class="te-{$k}">
              <a href="{.}" rel="{$dir}">
                <xsl:call-template name="te-label"><xsl:with-param name="k" select="$k"/></xsl:call-template>
                <span class="te-pager-what">
                  <xsl:choose>
                    <xsl:when test="/site:year"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'year-n'"/><xsl:with-param name="n" select="../@*[local-name() = $dir]"/></xsl:call-template></xsl:when>
                    <xsl:otherwise><xsl:call-template name="te-format-date"><xsl:with-param name="when" select="../@*[local-name() = concat($dir, '-date')]"/></xsl:call-template></xsl:otherwise>
                  </xsl:choose>
                </span>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The archive: each newspaper with its years; pages without a date. -->
  <xsl:template match="site:archive" mode="te-browse">
    <xsl:for-each select="site:paper">
      <section class="te-paper-entry" aria-labelledby="te-paper-{@key}">
        <h2 id="te-paper-{@key}">
          <xsl:value-of select="@title"/>
          <xsl:if test="@title-en"><xsl:text> </xsl:text><span class="te-paper-en" lang="en"><xsl:value-of select="@title-en"/></span></xsl:if>
        </h2>
        <p class="te-counts-line">
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'n-issues'"/><xsl:with-param name="n" select="@issues"/></xsl:call-template>
          <xsl:text> · </xsl:text>
          <xsl:call-template name="te-label"><xsl:with-param name="k" select="'n-pages'"/><xsl:with-param name="n" select="@pages"/></xsl:call-template>
          <xsl:text> · </xsl:text>
          <time datetime="{@first}"><xsl:call-template name="te-format-date"><xsl:with-param name="when" select="@first"/></xsl:call-template></time>
          <xsl:text> – </xsl:text>
          <time datetime="{@last}"><xsl:call-template name="te-format-date"><xsl:with-param name="when" select="@last"/></xsl:call-template></time>
        </p>
        <ul class="te-years">
          <xsl:for-each select="site:year">
            <li>
              <a href="{@href}"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'year-n'"/><xsl:with-param name="n" select="@n"/></xsl:call-template></a>
              <span class="te-count"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'n-issues'"/><xsl:with-param name="n" select="@issues"/></xsl:call-template></span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
    <xsl:for-each select="site:undated[site:page]">
      <section class="te-undated" aria-labelledby="te-undated-h">
        <h2 id="te-undated-h"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'undated'"/></xsl:call-template></h2>
        <ul>
          <xsl:for-each select="site:page">
            <li><a href="{@href}"><xsl:value-of select="@title"/></a> <span class="te-issue-file"><xsl:value-of select="@name"/></span></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- A year of one newspaper: the months, then a calendar of each month with issues. -->
  <xsl:template match="site:year" mode="te-browse">
    <nav class="te-months">
      <xsl:attribute name="aria-label"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'months'"/></xsl:call-template></xsl:attribute>
      <ol>
        <xsl:for-each select="site:month">
          <li>
            <xsl:variable name="name"><xsl:call-template name="te-label"><xsl:with-param name="k" select="concat('month-', @n)"/></xsl:call-template></xsl:variable>
            <xsl:choose>
              <xsl:when test="@issues &gt; 0"><a href="#{@id}"><xsl:value-of select="$name"/></a></xsl:when>
              <xsl:otherwise><span class="te-empty"><xsl:value-of select="$name"/></span></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ol>
    </nav>
    <div class="te-calendars">
      <xsl:for-each select="site:month[@issues &gt; 0]">
        <section class="te-month" id="{@id}" aria-labelledby="{@id}-h">
          <h2 id="{@id}-h">
            <xsl:call-template name="te-label"><xsl:with-param name="k" select="concat('month-', @n)"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <span class="te-count"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'n-issues'"/><xsl:with-param name="n" select="@issues"/></xsl:call-template></span>
          </h2>
          <table class="te-calendar">
            <thead>
              <tr>
                <xsl:for-each select="$te-labels[starts-with(@k, 'wd-')]">
                  <th scope="col">
                    <abbr>
                      <xsl:attribute name="title"><xsl:call-template name="te-label"><xsl:with-param name="k" select="concat('wdl-', substring-after(@k, 'wd-'))"/></xsl:call-template></xsl:attribute>
                      <xsl:call-template name="te-label"><xsl:with-param name="k" select="@k"/></xsl:call-template>
                    </abbr>
                  </th>
                </xsl:for-each>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="site:week">
                <tr>
                  <xsl:for-each select="site:day">
                    <td>
                      <xsl:choose>
                        <xsl:when test="site:issue">
                          <xsl:attribute name="class">te-has-issue</xsl:attribute>
                          <xsl:for-each select="site:issue">
                            <a href="{@contents}">
                              <xsl:attribute name="aria-label"><xsl:call-template name="te-site-issue-name"><xsl:with-param name="issue" select="."/></xsl:call-template></xsl:attribute>
                              <xsl:choose>
                                <xsl:when test="position() = 1"><xsl:value-of select="../@n"/></xsl:when>
                                <xsl:otherwise><xsl:value-of select="concat('·', position())"/></xsl:otherwise>
                              </xsl:choose>
                            </a>
                          </xsl:for-each>
                        </xsl:when>
                        <xsl:when test="@n"><span class="te-day"><xsl:value-of select="@n"/></span></xsl:when>
                      </xsl:choose>
                    </td>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- An issue: its pages, each with its articles and downloads. -->
  <xsl:template match="site:issue" mode="te-browse">
    <h2 class="te-issue-pages-h"><xsl:call-template name="te-label"><xsl:with-param name="k" select="'pages-of-issue'"/></xsl:call-template></h2>
    <ol class="te-issue-pages">
      <xsl:for-each select="site:page">
        <li>
          <h3>
            <a href="{@href}">
              <xsl:choose>
                <xsl:when test="@n and translate(@n, '0123456789', '') = ''">
                  <xsl:call-template name="te-label"><xsl:with-param name="k" select="'page-n-pre'"/></xsl:call-template>
                  <xsl:value-of select="@n"/>
                  <xsl:call-template name="te-label"><xsl:with-param name="k" select="'page-n-post'"/></xsl:call-template>
                </xsl:when>
                <xsl:when test="@n"><xsl:value-of select="@n"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="@title"/></xsl:otherwise>
              </xsl:choose>
            </a>
          </h3>
          <xsl:if test="site:article">
            <ul class="te-issue-articles">
              <xsl:for-each select="site:article"><li><a href="{@href}"><xsl:call-template name="te-breakable"><xsl:with-param name="text" select="string(.)"/></xsl:call-template></a></li></xsl:for-each>
            </ul>
          </xsl:if>
          <p class="te-issue-downloads">
            <a href="{@tei}" download="" type="application/tei+xml">TEI</a>
            <xsl:if test="@pdf"><xsl:text> · </xsl:text><a href="{@pdf}" type="application/pdf">PDF</a></xsl:if>
          </p>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

</xsl:stylesheet>
