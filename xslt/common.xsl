<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - the output-neutral layer: every TEI element is matched here, once, and
  handed to a named BEHAVIOUR. Output layers (html.xsl, and print.xsl which imports
  html.xsl) define the behaviours; by import precedence their named templates replace the
  neutral defaults at the bottom of this file. Add an element by adding one line to the
  table and one template below; change how something looks in the output layer only.

  Element → behaviour (the TEI Processing Model's closed set, plus a few our pages need)
  ───────────────────────────────────────────────────────────────────────────────────────
  omit        teiHeader facsimile standOff   (the header is rendered by the page shell,
                                               not in the flow of the text)
  container   TEI teiCorpus text front body back group
  section     div div1 div2 div3 div4 div5 div6 div7 floatingText
  heading     head
  paragraph   p ab titlePart
  block       docTitle argument byline* dateline opener closer salute signed postscript epigraph
              trailer* docAuthor docImprint docDate titlePage lg l quote sp speaker stage
              address addrLine figDesc listBibl bibl biblStruct analytic monogr imprint
              sourceDesc fileDesc titleStmt editionStmt edition publicationStmt
              seriesStmt notesStmt encodingDesc projectDesc samplingDecl editorialDecl
              normalization segmentation correction interpretation hyphenation quotation
              stdVals appInfo application profileDesc langUsage language textClass
              keywords revisionDesc listChange change respStmt availability licence
              (* byline rend="run-in" is pulled into the next p; trailer type="kicker" or
                 "column" is shown above its division's heads - both decided in the
                 output layer, see make-block's callers)
  inline      hi emph foreign term gloss mentioned soCalled persName orgName placeName
              geogName roleName name rs surname forename addName genName num measure
              title seg q said abbr expan choice sic corr orig reg unclear supplied add
              del w c pc author editor publisher pubPlace authority distributor idno
              biblScope resp label extent funder sponsor principal desc
  date        date time                     (machine-readable @when kept)
  furniture   fw                            (page furniture: running heads, credits)
  break       pb cb lb milestone
  note        note
  link        ref ptr
  list        list   (item: item)
  figure      figure (graphic: graphic)
  gap         gap space
  table       table  (row: row, cell: cell)
  fallback    any other element, TEI or not → block or inline by context, class tei-NAME

  Every element with @copyOf (a repeat the extraction made) goes through make-repeat
  first: HTML collapses it, print leaves it out. See the `behave` dispatcher.

  Strictly XSLT 1.0 + EXSLT (lxml/libxslt). No document(), no external access: the
  input is untrusted and the transform runs with all access denied.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- xml:id lookups (decls, copyOf, who): one index per document. -->
  <xsl:key name="te-id" match="*[@xml:id]" use="@xml:id"/>

  <!-- ===== The dispatcher ================================================= -->
  <!-- Calls the behaviour named $as for the context element. Repeats (@copyOf) go
       through make-repeat, which calls back here with $repeat-done to draw the element
       itself inside whatever frame the output gives repeats. -->
  <xsl:template name="behave">
    <xsl:param name="as"/>
    <xsl:param name="repeat-done" select="false()"/>
    <xsl:choose>
      <xsl:when test="@copyOf and not($repeat-done)">
        <xsl:call-template name="make-repeat">
          <xsl:with-param name="as" select="$as"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$as = 'omit'"><xsl:call-template name="make-omit"/></xsl:when>
      <xsl:when test="$as = 'container'"><xsl:call-template name="make-container"/></xsl:when>
      <xsl:when test="$as = 'section'"><xsl:call-template name="make-section"/></xsl:when>
      <xsl:when test="$as = 'heading'"><xsl:call-template name="make-heading"/></xsl:when>
      <xsl:when test="$as = 'paragraph'"><xsl:call-template name="make-paragraph"/></xsl:when>
      <xsl:when test="$as = 'block'"><xsl:call-template name="make-block"/></xsl:when>
      <xsl:when test="$as = 'inline'"><xsl:call-template name="make-inline"/></xsl:when>
      <xsl:when test="$as = 'date'"><xsl:call-template name="make-date"/></xsl:when>
      <xsl:when test="$as = 'furniture'"><xsl:call-template name="make-furniture"/></xsl:when>
      <xsl:when test="$as = 'break'"><xsl:call-template name="make-break"/></xsl:when>
      <xsl:when test="$as = 'note'"><xsl:call-template name="make-note"/></xsl:when>
      <xsl:when test="$as = 'link'"><xsl:call-template name="make-link"/></xsl:when>
      <xsl:when test="$as = 'list'"><xsl:call-template name="make-list"/></xsl:when>
      <xsl:when test="$as = 'item'"><xsl:call-template name="make-item"/></xsl:when>
      <xsl:when test="$as = 'figure'"><xsl:call-template name="make-figure"/></xsl:when>
      <xsl:when test="$as = 'graphic'"><xsl:call-template name="make-graphic"/></xsl:when>
      <xsl:when test="$as = 'gap'"><xsl:call-template name="make-gap"/></xsl:when>
      <xsl:when test="$as = 'table'"><xsl:call-template name="make-table"/></xsl:when>
      <xsl:when test="$as = 'row'"><xsl:call-template name="make-row"/></xsl:when>
      <xsl:when test="$as = 'cell'"><xsl:call-template name="make-cell"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="make-fallback"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== One template per element ======================================= -->
  <!-- omit -->
  <xsl:template match="tei:teiHeader"><xsl:call-template name="behave"><xsl:with-param name="as" select="'omit'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:facsimile"><xsl:call-template name="behave"><xsl:with-param name="as" select="'omit'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:standOff"><xsl:call-template name="behave"><xsl:with-param name="as" select="'omit'"/></xsl:call-template></xsl:template>

  <!-- container -->
  <xsl:template match="tei:TEI"><xsl:call-template name="behave"><xsl:with-param name="as" select="'container'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:teiCorpus"><xsl:call-template name="behave"><xsl:with-param name="as" select="'container'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:text"><xsl:call-template name="behave"><xsl:with-param name="as" select="'container'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:front"><xsl:call-template name="behave"><xsl:with-param name="as" select="'container'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:body"><xsl:call-template name="behave"><xsl:with-param name="as" select="'container'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:back"><xsl:call-template name="behave"><xsl:with-param name="as" select="'container'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:group"><xsl:call-template name="behave"><xsl:with-param name="as" select="'container'"/></xsl:call-template></xsl:template>

  <!-- section -->
  <xsl:template match="tei:div"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:div1"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:div2"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:div3"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:div4"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:div5"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:div6"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:div7"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:floatingText"><xsl:call-template name="behave"><xsl:with-param name="as" select="'section'"/></xsl:call-template></xsl:template>

  <!-- heading -->
  <xsl:template match="tei:head"><xsl:call-template name="behave"><xsl:with-param name="as" select="'heading'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:docTitle"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:titlePart"><xsl:call-template name="behave"><xsl:with-param name="as" select="'paragraph'"/></xsl:call-template></xsl:template>

  <!-- paragraph -->
  <xsl:template match="tei:p"><xsl:call-template name="behave"><xsl:with-param name="as" select="'paragraph'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:ab"><xsl:call-template name="behave"><xsl:with-param name="as" select="'paragraph'"/></xsl:call-template></xsl:template>

  <!-- block -->
  <xsl:template match="tei:argument"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:byline"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:dateline"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:opener"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:closer"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:salute"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:signed"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:postscript"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:epigraph"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:trailer"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:docAuthor"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:docImprint"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:docDate"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:titlePage"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:lg"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:l"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:quote"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:sp"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:speaker"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:stage"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:address"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:addrLine"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:figDesc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:listBibl"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:bibl"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:biblStruct"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:analytic"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:monogr"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:imprint"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:sourceDesc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:fileDesc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:titleStmt"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:editionStmt"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:edition"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:publicationStmt"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:seriesStmt"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:notesStmt"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:encodingDesc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:projectDesc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:samplingDecl"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:editorialDecl"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:normalization"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:segmentation"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:correction"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:interpretation"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:hyphenation"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:quotation"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:stdVals"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:appInfo"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:application"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:profileDesc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:langUsage"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:language"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:textClass"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:keywords"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:revisionDesc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:listChange"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:change"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:respStmt"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:availability"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:licence"><xsl:call-template name="behave"><xsl:with-param name="as" select="'block'"/></xsl:call-template></xsl:template>

  <!-- inline -->
  <xsl:template match="tei:hi"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:emph"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:foreign"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:term"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:gloss"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:mentioned"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:soCalled"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:persName"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:orgName"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:placeName"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:geogName"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:roleName"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:name"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:rs"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:surname"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:forename"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:addName"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:genName"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:num"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:measure"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:title"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:seg"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:q"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:said"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:abbr"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:expan"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:choice"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:sic"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:corr"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:orig"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:reg"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:unclear"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:supplied"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:add"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:del"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:w"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:c"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:pc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:author"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:editor"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:publisher"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:pubPlace"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:authority"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:distributor"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:idno"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:biblScope"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:resp"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:label"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:extent"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:funder"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:sponsor"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:principal"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:desc"><xsl:call-template name="behave"><xsl:with-param name="as" select="'inline'"/></xsl:call-template></xsl:template>

  <!-- date -->
  <xsl:template match="tei:date"><xsl:call-template name="behave"><xsl:with-param name="as" select="'date'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:time"><xsl:call-template name="behave"><xsl:with-param name="as" select="'date'"/></xsl:call-template></xsl:template>

  <!-- furniture -->
  <xsl:template match="tei:fw"><xsl:call-template name="behave"><xsl:with-param name="as" select="'furniture'"/></xsl:call-template></xsl:template>

  <!-- break -->
  <xsl:template match="tei:pb"><xsl:call-template name="behave"><xsl:with-param name="as" select="'break'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:cb"><xsl:call-template name="behave"><xsl:with-param name="as" select="'break'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:lb"><xsl:call-template name="behave"><xsl:with-param name="as" select="'break'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:milestone"><xsl:call-template name="behave"><xsl:with-param name="as" select="'break'"/></xsl:call-template></xsl:template>

  <!-- note, link -->
  <xsl:template match="tei:note"><xsl:call-template name="behave"><xsl:with-param name="as" select="'note'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:ref"><xsl:call-template name="behave"><xsl:with-param name="as" select="'link'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:ptr"><xsl:call-template name="behave"><xsl:with-param name="as" select="'link'"/></xsl:call-template></xsl:template>

  <!-- list -->
  <xsl:template match="tei:list"><xsl:call-template name="behave"><xsl:with-param name="as" select="'list'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:item"><xsl:call-template name="behave"><xsl:with-param name="as" select="'item'"/></xsl:call-template></xsl:template>

  <!-- figure -->
  <xsl:template match="tei:figure"><xsl:call-template name="behave"><xsl:with-param name="as" select="'figure'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:graphic"><xsl:call-template name="behave"><xsl:with-param name="as" select="'graphic'"/></xsl:call-template></xsl:template>

  <!-- gap -->
  <xsl:template match="tei:gap"><xsl:call-template name="behave"><xsl:with-param name="as" select="'gap'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:space"><xsl:call-template name="behave"><xsl:with-param name="as" select="'gap'"/></xsl:call-template></xsl:template>

  <!-- table -->
  <xsl:template match="tei:table"><xsl:call-template name="behave"><xsl:with-param name="as" select="'table'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:row"><xsl:call-template name="behave"><xsl:with-param name="as" select="'row'"/></xsl:call-template></xsl:template>
  <xsl:template match="tei:cell"><xsl:call-template name="behave"><xsl:with-param name="as" select="'cell'"/></xsl:call-template></xsl:template>

  <!-- fallback: any element no line above names, in the TEI namespace or another.
       Priority below the default so that every named element above wins. -->
  <xsl:template match="*" priority="-1"><xsl:call-template name="behave"><xsl:with-param name="as" select="'fallback'"/></xsl:call-template></xsl:template>

  <!-- ===== Shared helpers ================================================= -->

  <!-- "tei-NAME tei-NAME-TYPE": TEI identity kept in the output for CSS and tests. -->
  <xsl:template name="tei-class">
    <xsl:param name="extra" select="''"/>
    <xsl:text>tei-</xsl:text>
    <xsl:value-of select="local-name()"/>
    <xsl:if test="@type">
      <xsl:text> tei-</xsl:text>
      <xsl:value-of select="local-name()"/>
      <xsl:text>-</xsl:text>
      <xsl:value-of select="translate(normalize-space(@type), ' ', '_')"/>
    </xsl:if>
    <xsl:if test="$extra != ''">
      <xsl:text> </xsl:text>
      <xsl:value-of select="$extra"/>
    </xsl:if>
  </xsl:template>

  <!-- The element an @copyOf, @decls or @who points at (first token, local "#id" only:
       the transform never follows a pointer out of the document). -->
  <xsl:template name="te-pointer-id">
    <xsl:param name="ptr"/>
    <xsl:variable name="first">
      <xsl:choose>
        <xsl:when test="contains(normalize-space($ptr), ' ')">
          <xsl:value-of select="substring-before(normalize-space($ptr), ' ')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space($ptr)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="starts-with($first, '#')">
      <xsl:value-of select="substring($first, 2)"/>
    </xsl:if>
  </xsl:template>

  <!-- ===== Neutral default behaviours ===================================== -->
  <!-- Output layers override these. The defaults keep all text and no markup, so a
       layer that forgets a behaviour still loses nothing. -->
  <xsl:template name="make-omit"/>
  <xsl:template name="make-container"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-section"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-heading"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-paragraph"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-block"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-inline"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-date"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-furniture"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-break"/>
  <xsl:template name="make-note"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-link"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-list"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-item"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-figure"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-graphic"/>
  <xsl:template name="make-gap"/>
  <xsl:template name="make-table"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-row"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-cell"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-fallback"><xsl:apply-templates/></xsl:template>
  <xsl:template name="make-repeat">
    <xsl:param name="as"/>
    <xsl:call-template name="behave">
      <xsl:with-param name="as" select="$as"/>
      <xsl:with-param name="repeat-done" select="true()"/>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
